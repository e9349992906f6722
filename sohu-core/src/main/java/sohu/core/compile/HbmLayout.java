package sohu.core.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import sohu.core.fp.FpFormat;
import sohu.core.model.ModelSpec;

/**
 * The fixed part of the HBM map, laid out once per model and core: the FP32 embedding table, per
 * layer the two RMSNorm gains (FP32) and seven matrices ({@link ChipMatrix}), the final gain, the
 * LM head, and the KV-cache pool. The per-step regions ({@link StepLayout}) follow {@link #end()}.
 *
 * <p>A KV block holds, for one layer, each KV head's {@code K^T [head_dim][B]} then each KV head's
 * {@code V [B][head_dim]} in the chip's format ({@code B} = {@link CoreConfig#kvBlockTokens}):
 * {@code K^T} is the W operand of {@code Q·K^T}, {@code V} the W operand of {@code P·V}. With the
 * heads' {@code K^T} back to back, one token's keys of every head are one strided store.
 */
public final class HbmLayout {
    /** Alignment of every region. */
    public static final int ALIGN = 64;

    /** One layer's places. */
    public record Layer(long inputNorm, long postNorm, ChipMatrix q, ChipMatrix k, ChipMatrix v, ChipMatrix o,
                        ChipMatrix gate, ChipMatrix up, ChipMatrix down) { }

    private final ModelSpec spec;
    private final CoreConfig core;
    private long next;
    private final long embed;
    private final List<Layer> layers = new ArrayList<>();
    private final long finalNorm;
    private final ChipMatrix lmHead;
    private final long kvBase;
    private final long kvBlockBytes;
    private final long end;

    /** Lays out the model on the core. */
    public HbmLayout(ModelSpec spec, CoreConfig core) {
        this.spec = spec;
        this.core = core;
        int h = spec.hiddenSize();
        embed = alloc(4L * spec.vocabSize() * h);
        for (int l = 0; l < spec.numLayers(); l++) {
            String p = "model.layers." + l + ".";
            long in = alloc(4L * h);
            long post = alloc(4L * h);
            layers.add(new Layer(in, post, matrix(p + "self_attn.q_proj.weight", h, spec.qDim()),
                    matrix(p + "self_attn.k_proj.weight", h, spec.kvDim()),
                    matrix(p + "self_attn.v_proj.weight", h, spec.kvDim()),
                    matrix(p + "self_attn.o_proj.weight", spec.qDim(), h),
                    matrix(p + "mlp.gate_proj.weight", h, spec.intermediateSize()),
                    matrix(p + "mlp.up_proj.weight", h, spec.intermediateSize()),
                    matrix(p + "mlp.down_proj.weight", spec.intermediateSize(), h)));
        }
        finalNorm = alloc(4L * h);
        lmHead = matrix(spec.tieWordEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight", h, spec.vocabSize());
        kvBlockBytes = 2L * spec.headDim() * core.kvBlockTokens() * core.elementBytes();
        kvBase = alloc(kvBlockBytes * spec.numLayers() * spec.numKvHeads() * core.kvBlocks());
        end = next;
    }

    private long alloc(long bytes) {
        long a = next;
        next = (next + bytes + ALIGN - 1) / ALIGN * ALIGN;
        return a;
    }

    private ChipMatrix matrix(String name, int in, int out) {
        long a = alloc((long) in * out * core.elementBytes());
        long s = WeightConversion.scaled(core.format()) ? alloc(4L * out) : -1;
        return new ChipMatrix(name, a, in, out, s);
    }

    /** The model. */
    public ModelSpec spec() {
        return spec;
    }

    /** The core. */
    public CoreConfig core() {
        return core;
    }

    /** The FP32 embedding table {@code [vocab][hidden]}. */
    public long embed() {
        return embed;
    }

    /** Layer {@code l}'s places. */
    public Layer layer(int l) {
        return layers.get(l);
    }

    /** The final RMSNorm gain. */
    public long finalNorm() {
        return finalNorm;
    }

    /** The LM head {@code [hidden][vocab]}. */
    public ChipMatrix lmHead() {
        return lmHead;
    }

    /** First byte after the fixed regions. */
    public long end() {
        return end;
    }

    /** Bytes of one KV block (one layer, one KV head). */
    public long kvBlockBytes() {
        return kvBlockBytes;
    }

    /** The {@code K^T} of KV block {@code block}, layer {@code layer}, KV head {@code g}. */
    public long kAddr(int block, int layer, int g) {
        return kvBase + ((long) block * spec.numLayers() + layer) * spec.numKvHeads() * kvBlockBytes
                + g * (kvBlockBytes / 2);
    }

    /** The {@code V} of the same block. */
    public long vAddr(int block, int layer, int g) {
        return kAddr(block, layer, g) + spec.numKvHeads() * (kvBlockBytes / 2);
    }

    /** The tensor names and shapes ({out, in} or {n}) a checkpoint must hold. */
    public Map<String, int[]> expectedTensors() {
        Map<String, int[]> m = new LinkedHashMap<>();
        int h = spec.hiddenSize();
        m.put("model.embed_tokens.weight", new int[] {spec.vocabSize(), h});
        for (int l = 0; l < spec.numLayers(); l++) {
            Layer ly = layers.get(l);
            String p = "model.layers." + l + ".";
            m.put(p + "input_layernorm.weight", new int[] {h});
            m.put(p + "post_attention_layernorm.weight", new int[] {h});
            for (ChipMatrix c : List.of(ly.q, ly.k, ly.v, ly.o, ly.gate, ly.up, ly.down)) {
                m.put(c.name(), new int[] {c.out(), c.in()});
            }
        }
        m.put("model.norm.weight", new int[] {h});
        if (!spec.tieWordEmbeddings()) {
            m.put("lm_head.weight", new int[] {spec.vocabSize(), h});
        }
        return m;
    }

    /**
     * A zero image of the fixed regions with the weights written in the chip's format.
     *
     * @param weights by Hugging Face name, row-major {@code [out][in]} (gains {@code [n]})
     * @throws IllegalArgumentException naming a missing, unknown or wrongly sized tensor
     */
    public HbmImage image(Map<String, float[]> weights) {
        Map<String, int[]> expected = expectedTensors();
        TreeSet<String> unknown = new TreeSet<>(weights.keySet());
        unknown.removeAll(expected.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("weights: unknown tensor " + unknown.first()
                    + " (a Llama checkpoint has model.embed_tokens.weight, model.layers.N.*, model.norm.weight"
                    + (spec.tieWordEmbeddings() ? "; lm_head.weight is tied to the embedding" : ", lm_head.weight") + ")");
        }
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            float[] w = weights.get(e.getKey());
            long n = 1;
            for (int d : e.getValue()) {
                n *= d;
            }
            if (w == null) {
                throw new IllegalArgumentException("weights: missing tensor " + e.getKey());
            }
            if (w.length != n) {
                throw new IllegalArgumentException("weights: " + e.getKey() + " has " + w.length + " values, expected "
                        + java.util.Arrays.toString(e.getValue()) + " = " + n);
            }
        }
        HbmImage img = new HbmImage(end);
        FpFormat f = core.format();
        writeFloats(img, embed, weights.get("model.embed_tokens.weight"));
        for (int l = 0; l < spec.numLayers(); l++) {
            Layer ly = layers.get(l);
            String p = "model.layers." + l + ".";
            writeFloats(img, ly.inputNorm, weights.get(p + "input_layernorm.weight"));
            writeFloats(img, ly.postNorm, weights.get(p + "post_attention_layernorm.weight"));
            for (ChipMatrix c : List.of(ly.q, ly.k, ly.v, ly.o, ly.gate, ly.up, ly.down)) {
                WeightConversion.write(img, c, f, weights.get(c.name()));
            }
        }
        writeFloats(img, finalNorm, weights.get("model.norm.weight"));
        WeightConversion.write(img, lmHead, f, weights.get(lmHead.name()));
        return img;
    }

    private static void writeFloats(HbmImage img, long addr, float[] v) {
        for (int i = 0; i < v.length; i++) {
            img.write(addr + 4L * i, 4, Float.floatToRawIntBits(v[i]));
        }
    }
}
