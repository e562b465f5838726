/**
 * Attribution (issue 16): which parts of an image a class's logit, or an output cell, depends on. Gradient,
 * SmoothGrad, integrated gradients, Grad-CAM, HiResCAM, Grad-CAM++ and occlusion, and Adebayo et al.'s cascading
 * randomisation check, all on {@code engine.TrainableNetwork}'s backward pass over its own copy of the parameters.
 * Results are plain {@code network.AttributionMap}s; nothing here draws.
 */
package io.convscope.engine.attribution;
