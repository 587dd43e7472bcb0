#!/usr/bin/env python3
"""PyTorch reference for `npm run bench -- train`: the same models, input and batch, 1 CPU thread.

Prints one JSON object per line: {"model", "train_samples_per_s", "infer_samples_per_s"}, or
{"skipped": reason} when torch is missing. Usage: torch_train.py --models ref-4xconv32,inception1d --batch 32
"""
import argparse
import json
import sys
import time

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:  # the bench skips the comparison gracefully
    print(json.dumps({"skipped": "python3 has no torch (apt-get install python3-torch)"}))
    sys.exit(0)


def bn(c):  # PyTorch defaults: eps 1e-5, momentum 0.1 (= tfjs momentum 0.9)
    return nn.BatchNorm1d(c, eps=1e-5, momentum=0.1)


class Reference(nn.Module):
    """The reference model (ref-4xconv32): 4 x [Conv1D(32, k7, same) + BN + ReLU + MaxPool(2)], GAP, Dense(5)."""

    def __init__(self, n_leads=1, n_out=5):
        super().__init__()
        layers, c = [], n_leads
        for _ in range(4):
            layers += [nn.Conv1d(c, 32, 7, padding=3), bn(32), nn.ReLU(), nn.MaxPool1d(2)]
            c = 32
        self.body = nn.Sequential(*layers)
        self.fc = nn.Linear(32, n_out)

    def forward(self, x):
        return self.fc(self.body(x).mean(-1))


class InceptionBlock(nn.Module):
    def __init__(self, c_in, nf, kernels, bottleneck):
        super().__init__()
        self.bottleneck = nn.Conv1d(c_in, bottleneck, 1, bias=False) if c_in > 1 else None
        cb = bottleneck if c_in > 1 else c_in
        self.convs = nn.ModuleList([nn.Conv1d(cb, nf, k, padding=k // 2, bias=False) for k in kernels])
        self.pool = nn.MaxPool1d(3, stride=1, padding=1)
        self.poolconv = nn.Conv1d(c_in, nf, 1, bias=False)
        self.bn = bn(nf * (len(kernels) + 1))

    def forward(self, x):
        b = self.bottleneck(x) if self.bottleneck is not None else x
        # tfjs 'same' max-pooling ignores padding; -inf padding in torch is equivalent
        y = torch.cat([c(b) for c in self.convs] + [self.poolconv(self.pool(x))], 1)
        return F.relu(self.bn(y))


def head(c_feat, hidden, n_out):
    return nn.Sequential(bn(c_feat), nn.Dropout(0.25), nn.Linear(c_feat, hidden), nn.ReLU(), bn(hidden), nn.Dropout(0.5), nn.Linear(hidden, n_out))


class Inception1d(nn.Module):
    """src/core/ml/models/inception1d.ts (full: nf 32, depth 6, bottleneck 32, head 128; small: 8, 3, 8, 64)."""

    def __init__(self, n_leads, n_out, nf=32, depth=6, kernels=(39, 19, 9), bottleneck=32, residual_every=3, hidden=128):
        super().__init__()
        c_out = nf * (len(kernels) + 1)
        self.blocks, self.shortcuts = nn.ModuleList(), nn.ModuleDict()
        c, c_res = n_leads, n_leads
        self.residual_every = residual_every
        for d in range(depth):
            self.blocks.append(InceptionBlock(c, nf, kernels, bottleneck))
            c = c_out
            if (d + 1) % residual_every == 0:
                self.shortcuts[str(d)] = nn.Sequential(nn.Conv1d(c_res, c_out, 1, bias=False), bn(c_out))
                c_res = c_out
        self.head = head(2 * c_out, hidden, n_out)

    def forward(self, x):
        res = x
        for d, blk in enumerate(self.blocks):
            x = blk(x)
            if str(d) in self.shortcuts:
                x = F.relu(x + self.shortcuts[str(d)](res))
                res = x
        return self.head(torch.cat([x.amax(-1), x.mean(-1)], 1))


class BasicBlock(nn.Module):
    def __init__(self, c_in, c_out, stride, k):
        super().__init__()
        self.c1, self.b1 = nn.Conv1d(c_in, c_out, k, stride, padding=k // 2, bias=False), bn(c_out)
        self.c2, self.b2 = nn.Conv1d(c_out, c_out, k, padding=k // 2, bias=False), bn(c_out)
        self.proj = nn.Sequential(nn.Conv1d(c_in, c_out, 1, stride, bias=False), bn(c_out)) if (c_in != c_out or stride != 1) else None

    def forward(self, x):
        h = self.b2(self.c2(F.relu(self.b1(self.c1(x)))))
        return F.relu(h + (self.proj(x) if self.proj is not None else x))


class ResNet1d(nn.Module):
    """src/core/ml/models/resnet1d.ts: stem k7/2, stages 16/32/64, concat-pool, dense 64, dense n_out
    (resnet1d-deep: stem stride 1, stages 16/32/64/64 each with stride 2)."""

    def __init__(self, n_leads, n_out, widths=(16, 32, 64), k=7, stem_stride=2, strides=None):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv1d(n_leads, widths[0], k, stem_stride, padding=k // 2, bias=False), bn(widths[0]), nn.ReLU())
        blocks, c = [], widths[0]
        for i, w in enumerate(widths):
            blocks.append(BasicBlock(c, w, strides[i] if strides else (1 if i == 0 else 2), k))
            c = w
        self.blocks = nn.Sequential(*blocks)
        self.head = nn.Sequential(nn.Dropout(0.25), nn.Linear(2 * c, 64), nn.ReLU(), nn.Linear(64, n_out))

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.head(torch.cat([x.amax(-1), x.mean(-1)], 1))


class TinyCnn(nn.Module):
    """src/core/ml/models/tiny.ts: conv 8/16/32 (k7, k7, k5) + BN + ReLU, max-pool 2 after the first two, concat-pool, dense 32, dense n_out."""

    def __init__(self, n_leads, n_out):
        super().__init__()

        def cbr(ci, co, k):
            return [nn.Conv1d(ci, co, k, padding=k // 2, bias=False), bn(co), nn.ReLU()]

        self.body = nn.Sequential(*cbr(n_leads, 8, 7), nn.MaxPool1d(2), *cbr(8, 16, 7), nn.MaxPool1d(2), *cbr(16, 32, 5))
        self.head = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, n_out))

    def forward(self, x):
        x = self.body(x)
        return self.head(torch.cat([x.amax(-1), x.mean(-1)], 1))


MODELS = {
    "ref-4xconv32": (lambda: Reference(1, 5), 1, 1000),
    "inception1d-small": (lambda: Inception1d(8, 5, nf=8, depth=3, bottleneck=8, hidden=64), 8, 1000),
    "inception1d": (lambda: Inception1d(8, 5), 8, 1000),
    "resnet1d": (lambda: ResNet1d(8, 5), 8, 1000),
    "resnet1d-deep": (lambda: ResNet1d(8, 5, widths=(16, 32, 64, 64), stem_stride=1, strides=(2, 2, 2, 2)), 8, 1000),
    "tiny-cnn": (lambda: TinyCnn(1, 5), 1, 1000),
}


CLOCK = "wall"


def timed(seconds, min_reps, fn):
    """Mean seconds per call: wall time, or with --clock cpu this process's CPU time (robust on a loaded machine)."""
    t0, c0, reps = time.perf_counter(), time.process_time(), 0
    while reps < min_reps or time.perf_counter() - t0 < seconds:
        fn()
        reps += 1
    return ((time.process_time() - c0) if CLOCK == "cpu" else (time.perf_counter() - t0)) / reps


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--models", default=",".join(MODELS))
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--seconds", type=float, default=4)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--clock", choices=["wall", "cpu"], default="wall")
    p.add_argument("--samples", type=int, default=0, help="input length of every model but ref-4xconv32 (0: 1000)")
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    a = p.parse_args()
    if a.device == "cuda" and not torch.cuda.is_available():
        print(json.dumps({"skipped": "no CUDA device for PyTorch"}))
        return
    dev = torch.device(a.device)
    sync = torch.cuda.synchronize if a.device == "cuda" else (lambda: None)
    global CLOCK
    CLOCK = a.clock
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    for name in a.models.split(","):
        if name not in MODELS:
            print(json.dumps({"skipped": f"no PyTorch version of {name}"}))
            continue
        build, leads, length = MODELS[name]
        if a.samples and name != "ref-4xconv32":
            length = a.samples
        model = build().to(dev)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        x = torch.rand(a.batch, leads, length, device=dev)
        y = torch.arange(a.batch, device=dev) % 5

        # on CUDA every timed call ends with a synchronize, so queued kernels are counted
        def step():
            opt.zero_grad(set_to_none=True)
            F.cross_entropy(model(x), y).backward()
            opt.step()
            sync()

        def infer():
            model(x)
            sync()

        model.train()
        step()
        train_s = timed(a.seconds, 3, step)
        model.eval()
        with torch.no_grad():
            infer()
            infer_s = timed(a.seconds / 2, 3, infer)
        n_params = sum(p.numel() for p in model.parameters())
        print(json.dumps({"model": name, "device": a.device, "samples": length, "params": n_params, "train_samples_per_s": a.batch / train_s, "infer_samples_per_s": a.batch / infer_s}), flush=True)


if __name__ == "__main__":
    main()
