#!/usr/bin/env python3
"""Cross-checks `./sohu run --engine reference` against an independent NumPy Llama forward pass.

Optional (needs Python 3 with numpy and safetensors; not part of the test suite). Reads a model
folder with the reference safetensors library, runs the Hugging Face modeling_llama.py math in
float64 (rotate_half RoPE, repeat_kv, causal mask), compares with the logits `./sohu run --dump`
wrote (exit 1 if they differ by more than 1e-5) and prints its own greedy tokens, to compare with
the ones `./sohu run` printed.

Usage: bench/reference-numpy.py MODEL_DIR DUMP.safetensors PROMPT [PROMPT ...] [--new N]
  e.g. ./sohu model init --out /tmp/tiny
       ./sohu run --model /tmp/tiny --prompt 1,2,3 --prompt 4,5 --max-new-tokens 8 --dump /tmp/tiny/logits.safetensors
       bench/reference-numpy.py /tmp/tiny /tmp/tiny/logits.safetensors 1,2,3 4,5 --new 8
"""
import json
import sys

import numpy as np
from safetensors.numpy import load_file


def forward(cfg, w, tokens):
    hd = cfg.get("head_dim", cfg["hidden_size"] // cfg["num_attention_heads"])
    nh, nkv, eps = cfg["num_attention_heads"], cfg.get("num_key_value_heads", cfg["num_attention_heads"]), cfg["rms_norm_eps"]
    theta = cfg.get("rope_theta", 10000.0)
    t = len(tokens)

    def rms(x, g):
        return x / np.sqrt((x * x).mean(-1, keepdims=True) + eps) * g

    def rope(x):  # [t, heads, hd]
        inv = 1.0 / theta ** (np.arange(0, hd, 2) / hd)
        f = np.outer(np.arange(t), inv)
        emb = np.concatenate([f, f], -1)
        rot = np.concatenate([-x[..., hd // 2:], x[..., :hd // 2]], -1)
        return x * np.cos(emb)[:, None, :] + rot * np.sin(emb)[:, None, :]

    x = w["model.embed_tokens.weight"][tokens]
    for layer in range(cfg["num_hidden_layers"]):
        p = "model.layers.%d." % layer
        h = rms(x, w[p + "input_layernorm.weight"])
        q = rope((h @ w[p + "self_attn.q_proj.weight"].T).reshape(t, nh, hd))
        k = np.repeat(rope((h @ w[p + "self_attn.k_proj.weight"].T).reshape(t, nkv, hd)), nh // nkv, axis=1)
        v = np.repeat((h @ w[p + "self_attn.v_proj.weight"].T).reshape(t, nkv, hd), nh // nkv, axis=1)
        s = np.einsum("thd,shd->hts", q, k) / np.sqrt(hd) + np.triu(np.full((t, t), -np.inf), 1)
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        x = x + np.einsum("hts,shd->thd", s, v).reshape(t, nh * hd) @ w[p + "self_attn.o_proj.weight"].T
        h = rms(x, w[p + "post_attention_layernorm.weight"])
        g, u = h @ w[p + "mlp.gate_proj.weight"].T, h @ w[p + "mlp.up_proj.weight"].T
        x = x + (g / (1 + np.exp(-g)) * u) @ w[p + "mlp.down_proj.weight"].T
    head = w.get("lm_head.weight", w["model.embed_tokens.weight"])
    return rms(x, w["model.norm.weight"]) @ head.T


def main(argv):
    new = 0
    if "--new" in argv:
        i = argv.index("--new")
        new = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    model, dump, prompts = argv[0], argv[1], [[int(v) for v in p.split(",")] for p in argv[2:]]
    cfg = json.load(open(model + "/config.json"))
    w = {k: v.astype(np.float64) for k, v in load_file(model + "/model.safetensors").items()}
    want = np.concatenate([forward(cfg, w, p) for p in prompts])
    got = load_file(dump)["logits"].astype(np.float64)
    err = np.abs(got - want).max()
    print("logits %s: max |sohu - numpy| = %.3g (largest logit %.3g)" % (got.shape, err, np.abs(want).max()))
    ok = err <= 1e-5
    for i, p in enumerate(prompts):
        toks = list(p)
        for _ in range(new):
            toks.append(int(np.argmax(forward(cfg, w, toks)[-1])))
        print("prompt %d: %s" % (i, ",".join(map(str, toks[len(p):])) or "(none)"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
