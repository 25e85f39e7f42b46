#!/usr/bin/python3
"""The same networks as core/networks.cpp, trained by PyTorch in Python (Debian's python3-torch)
on the same MNIST digits (the first 10,000 training digits), batch size, optimizer and thread count, without augmentation.
Prints training samples per second, to compare with bench_train.

    /usr/bin/python3 benchmarks/pytorch_throughput.py --threads 1   # Debian's Python, where python3-torch lives
"""
import argparse
import gzip
import pathlib
import time

import torch
from torch import nn

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / ".cache" / "mnist"


def read_idx(path, offset):
    with gzip.open(path, "rb") as handle:
        return torch.frombuffer(bytearray(handle.read()), dtype=torch.uint8, offset=offset)


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, 10))


def conv_block(inputs, outputs):
    return [nn.Conv2d(inputs, outputs, 3, padding=1, bias=False), nn.BatchNorm2d(outputs), nn.ReLU(), nn.MaxPool2d(2)]


def strided_block(inputs, outputs, kernel, stride):
    return [nn.Conv2d(inputs, outputs, kernel, stride=stride, bias=False), nn.BatchNorm2d(outputs), nn.ReLU()]


def quick():
    return nn.Sequential(*strided_block(1, 32, 5, 2), *strided_block(32, 64, 3, 2), *strided_block(64, 128, 3, 1),
                         nn.Flatten(), nn.Linear(1152, 10))


def cnn():
    return nn.Sequential(*conv_block(1, 32), *conv_block(32, 64), *conv_block(64, 128), nn.Flatten(),
                         nn.Dropout(0.3), nn.Linear(1152, 128), nn.ReLU(), nn.Dropout(0.3), nn.Linear(128, 10))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    images = read_idx(DATA / "train-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28)[:10000]
    labels = read_idx(DATA / "train-labels-idx1-ubyte.gz", 8)[:10000]
    images = (images.float() / 255 - 0.1307) / 0.3081
    labels = labels.long()
    train_count = 9000
    print(f"PyTorch {torch.__version__}, threads {torch.get_num_threads()}, {train_count} training samples")
    for name, build, batch, lr, epochs in (("mlp", mlp, 32, 1e-3, 5), ("cnn", cnn, 64, 2e-3, 1),
                                           ("quick", quick, 256, 1e-2, 3)):
        model = build()
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        model.train()
        seen = 0
        started = time.perf_counter()
        for _ in range(epochs):
            order = torch.randperm(train_count)
            for first in range(0, train_count, batch):
                index = order[first:first + batch]
                optimizer.zero_grad()
                loss = nn.functional.cross_entropy(model(images[index]), labels[index])
                loss.backward()
                optimizer.step()
                seen += len(index)
        seconds = time.perf_counter() - started
        print(f"{name:5} batch {batch:3}, augmentation off: {seen / seconds:8.0f} samples/s")


if __name__ == "__main__":
    main()
