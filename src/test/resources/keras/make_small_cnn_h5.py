"""Writes small_cnn.h5, a Keras 2 HDF5 model file made by hand (no Keras needed), and small_cnn_expected.json with
one input and the probabilities a plain numpy forward pass gives for it. KerasH5ImportTest loads both.

Run with Debian's python3-h5py: python3 make_small_cnn_h5.py
"""
import json

import h5py
import numpy as np

CONFIG = {"class_name": "Sequential", "keras_version": "2.2.4", "backend": "tensorflow", "config": {
    "name": "small", "layers": [
        {"class_name": "Conv2D", "config": {"name": "conv_a", "batch_input_shape": [None, 20, 24, 3], "filters": 4,
                                            "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid",
                                            "data_format": "channels_last", "dilation_rate": [1, 1],
                                            "activation": "relu", "use_bias": True}},
        {"class_name": "MaxPooling2D", "config": {"name": "pool_a", "pool_size": [2, 2], "strides": [2, 2],
                                                  "padding": "valid", "data_format": "channels_last"}},
        {"class_name": "Conv2D", "config": {"name": "conv_b", "filters": 5, "kernel_size": [3, 3], "strides": [1, 1],
                                            "padding": "same", "data_format": "channels_last",
                                            "dilation_rate": [1, 1], "activation": "linear", "use_bias": True}},
        {"class_name": "Flatten", "config": {"name": "flatten", "data_format": "channels_last"}},
        {"class_name": "Dense", "config": {"name": "out", "units": 3, "activation": "softmax", "use_bias": True}}]}}

# Real Keras files name their initialisers; DL4J's importer requires the fields.
for layer in CONFIG["config"]["layers"]:
    if layer["class_name"] in ("Conv2D", "Dense"):
        layer["config"]["kernel_initializer"] = {"class_name": "GlorotUniform", "config": {"seed": None}}
        layer["config"]["bias_initializer"] = {"class_name": "Zeros", "config": {}}

rng = np.random.RandomState(0)
weights = {
    "conv_a": [rng.uniform(-0.5, 0.5, (3, 3, 3, 4)).astype("f4"), rng.uniform(-0.1, 0.1, 4).astype("f4")],
    "conv_b": [rng.uniform(-0.5, 0.5, (3, 3, 4, 5)).astype("f4"), rng.uniform(-0.1, 0.1, 5).astype("f4")],
    "out": [rng.uniform(-0.2, 0.2, (9 * 11 * 5, 3)).astype("f4"), rng.uniform(-0.1, 0.1, 3).astype("f4")],
}


def conv(x, k, b, pad):
    if pad:
        x = np.pad(x, ((1, 1), (1, 1), (0, 0)))
    h, w = x.shape[0] - 2, x.shape[1] - 2
    out = np.zeros((h, w, k.shape[3]), dtype="f8")
    for ky in range(3):
        for kx in range(3):
            out += np.tensordot(x[ky:ky + h, kx:kx + w, :], k[ky, kx], axes=([2], [0]))
    return out + b


x = np.random.RandomState(1).rand(20, 24, 3).astype("f4")
a = np.maximum(conv(x, *weights["conv_a"], pad=False), 0)
p = a.reshape(9, 2, 11, 2, 4).max(axis=(1, 3))
c = conv(p, *weights["conv_b"], pad=True)
logits = c.reshape(-1) @ weights["out"][0] + weights["out"][1]
probabilities = np.exp(logits - logits.max())
probabilities /= probabilities.sum()

with h5py.File("small_cnn.h5", "w") as f:
    f.attrs["keras_version"] = b"2.2.4"
    f.attrs["backend"] = b"tensorflow"
    f.attrs["model_config"] = json.dumps(CONFIG).encode()
    mw = f.create_group("model_weights")
    mw.attrs["layer_names"] = [layer["config"]["name"].encode() for layer in CONFIG["config"]["layers"]]
    mw.attrs["backend"] = b"tensorflow"
    mw.attrs["keras_version"] = b"2.2.4"
    for layer in CONFIG["config"]["layers"]:
        name = layer["config"]["name"]
        g = mw.create_group(name)
        params = weights.get(name, [])
        g.attrs["weight_names"] = [f"{name}/{p}:0".encode() for p in ("kernel", "bias")[:len(params)]]
        for param, value in zip(("kernel", "bias"), params):
            g.create_dataset(f"{name}/{param}:0", data=value)

with open("small_cnn_expected.json", "w") as f:
    json.dump({"input_hwc": x.reshape(-1).tolist(), "logits": logits.tolist(),
               "probabilities": probabilities.tolist(),
               "conv_a_kernel_0000": float(weights["conv_a"][0][0, 0, 0, 0])}, f)
