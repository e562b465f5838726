package io.convscope.network.graph;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the repeated block a layer belongs to from its name, so long networks fold into readable rows.
 * <ul>
 *   <li>Netscope's rule first: everything before the last {@code /} ({@code inception_3a/1x1} → {@code inception_3a},
 *       {@code fire2/squeeze1x1} → {@code fire2}).</li>
 *   <li>ResNet's Caffe/Keras naming: {@code res2a_branch2a}, {@code bn2a_branch2a}, {@code scale2a_branch1},
 *       the sum {@code res2a} and its {@code res2a_relu}, DL4J zoo's {@code act2a_branch2a} and
 *       {@code short2a_branch} → {@code res2a}.</li>
 *   <li>Prefixed stages: {@code fire2_squeeze} / {@code fire2-expand} → {@code fire2}; {@code stem_conv1} /
 *       {@code stem-cnn1} → {@code stem}; InceptionResNetV1's {@code resnetA1-...}, {@code reduceA-...}.</li>
 * </ul>
 * Anything else belongs to no block ("").
 */
public final class BlockNames {

    private static final List<Pattern> RULES = List.of(
            // res2a_branch2a, bn2a_branch2a, scale2a_branch2a, res2a, res2a_relu (group 1 is the stage id "2a")
            Pattern.compile("^(?:res|bn|scale|act|short)(\\d+[a-z]\\d*)(?:_branch.*|_relu)?$"),
            // fire2_squeeze1x1, fire9-expand3x3, stem_conv1, stem-cnn1, resnetA1-..., inception_4a-... (group 1 is the
            // block)
            Pattern.compile("^((?:fire|stem|resnet|reduce|inception|block|mixed)[A-Za-z]*\\d*[a-z]?)[_-].+$"));

    private BlockNames() {}

    public static String of(String layerName) {
        int slash = layerName.lastIndexOf('/');
        if (slash > 0) {
            return layerName.substring(0, slash);
        }
        Matcher res = RULES.get(0).matcher(layerName);
        if (res.matches()) {
            return "res" + res.group(1);
        }
        Matcher prefixed = RULES.get(1).matcher(layerName);
        if (prefixed.matches()) {
            return prefixed.group(1);
        }
        return "";
    }
}
