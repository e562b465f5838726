package io.convscope.network;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shipped class lists: ImageNet's 1,000 for unlabelled 1,000-output classifiers, VOC's and COCO's for YOLO. */
class ClassListsTest {

    @Test
    void imagenetClassesHaveRealNames() {
        assertEquals(1000, ClassLists.imagenet().size());
        assertEquals("tench", ClassLists.imagenet().get(0));
        assertEquals("barrow", ClassLists.imagenet().get(428)); // "barrow, garden cart, lawn cart, wheelbarrow"
        assertEquals("espresso", ClassLists.imagenet().get(967));
        assertEquals("toilet tissue", ClassLists.imagenet().get(999));
        assertEquals(ClassLists.imagenet(), ClassLists.forUnlabelled(1000));
        assertEquals("class 9", ClassLists.forUnlabelled(10).get(9), "other sizes keep their numbers");
    }

    @Test
    void detectorsNameVocAndCocoClasses() {
        assertEquals("person", ClassLists.detectionClass(20, 14));
        assertEquals("tvmonitor", ClassLists.detectionClass(20, 19));
        assertEquals("person", ClassLists.detectionClass(80, 0));
        assertEquals("toothbrush", ClassLists.detectionClass(80, 79));
        assertEquals("class 3", ClassLists.detectionClass(7, 3));
    }
}
