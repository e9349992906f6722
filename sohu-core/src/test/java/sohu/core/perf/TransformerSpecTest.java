package sohu.core.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransformerSpecTest {

    private static void assertWithin(double expected, double actual, double relTol) {
        assertTrue(Math.abs(actual - expected) <= relTol * Math.abs(expected),
                () -> "expected " + expected + " within " + relTol * 100 + "% but was " + actual);
    }

    @Test
    void llama3_70bHasItsPubliclyKnownParameterCount() {
        // Meta's model card: 70.55e9 parameters.
        assertWithin(70.55e9, TransformerSpec.LLAMA3_70B.parameters().total(), 0.005);
    }

    @Test
    void llama3_8bHasItsPubliclyKnownParameterCount() {
        // Meta's model card: 8.03e9 parameters.
        assertWithin(8.03e9, TransformerSpec.LLAMA3_8B.parameters().total(), 0.005);
    }

    @Test
    void llama2_70bHasItsPubliclyKnownParameterCount() {
        // Hugging Face meta-llama/Llama-2-70b-hf: 68.98e9 parameters (the "70B").
        assertWithin(68.98e9, TransformerSpec.LLAMA2_70B.parameters().total(), 0.005);
        assertSame(TransformerSpec.LLAMA2_70B, TransformerSpec.byName("Llama-2-70B"));
    }

    @Test
    void componentsFollowTheLlamaShape() {
        ParameterCount p = TransformerSpec.LLAMA3_70B.parameters();
        // q and o are 8192x8192; k and v are 8192x(8 heads x 128).
        long attentionPerLayer = 2L * 8192 * 8192 + 2L * 8192 * 8 * 128;
        assertEquals(80 * attentionPerLayer, p.attention());
        assertEquals(80 * 3L * 8192 * 28672, p.ffn());
        assertEquals(128256L * 8192, p.embedding());
        assertEquals(p.embedding(), p.lmHead(), "LM head is untied but has the embedding's shape");
        assertEquals((2 * 80 + 1) * 8192L, p.norms());
    }

    @Test
    void linearFlopsAreTwoPerMatmulParameter() {
        TransformerSpec m = TransformerSpec.LLAMA3_70B;
        ParameterCount p = m.parameters();
        assertEquals(2.0 * (p.total() - p.embedding() - p.norms()), m.linearFlopsPerToken());
        // The announcement's rule of thumb: about 2 x 70e9 per token.
        assertWithin(2 * 70e9, m.linearFlopsPerToken(), 0.01);
    }

    @Test
    void attentionFlopsCountQkAndAvAtTwoFlopsPerMac() {
        TransformerSpec m = TransformerSpec.LLAMA3_70B;
        // Per layer and head: QK^T is 128 x ctx MACs, AV is ctx x 128 MACs.
        double expected = 80 * 64 * (128.0 * 2175 + 2175.0 * 128) * 2;
        assertEquals(expected, m.attentionFlopsPerToken(2175), 1e-6 * expected);
    }

    @Test
    void kvCacheIs320KibPerTokenInBf16() {
        // Widely quoted for Llama-3-70B: 80 layers x 8 KV heads x 128 x (K,V) x 2 B = 320 KiB.
        assertEquals(320 * 1024, TransformerSpec.LLAMA3_70B.kvBytesPerToken(NumberFormat.BF16));
        assertEquals(160 * 1024, TransformerSpec.LLAMA3_70B.kvBytesPerToken(NumberFormat.FP8));
        assertEquals(640 * 1024, TransformerSpec.LLAMA3_70B.kvBytesPerToken(NumberFormat.FP32));
    }

    @Test
    void weightBytesScaleWithFormat() {
        TransformerSpec m = TransformerSpec.LLAMA3_8B;
        assertEquals(2 * m.weightBytes(NumberFormat.FP8), m.weightBytes(NumberFormat.FP16));
        assertEquals(4 * m.weightBytes(NumberFormat.FP8), m.weightBytes(NumberFormat.FP32));
    }

    @Test
    void byNameIgnoresCaseAndPunctuation() {
        assertSame(TransformerSpec.LLAMA3_70B, TransformerSpec.byName("Llama-3-70B"));
        assertSame(TransformerSpec.LLAMA3_8B, TransformerSpec.byName("llama3_8b"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TransformerSpec.byName("gpt-4"));
        assertTrue(e.getMessage().contains("llama3-70b") && e.getMessage().contains("llama3-8b"), e.getMessage());
    }

    @Test
    void userGivenShapesAreValidated() {
        TransformerSpec tiny = new TransformerSpec("tiny", 2, 64, 4, 2, 16, 128, 1000);
        // 2 x (q 64x64 + k,v 64x32 + o 64x64 + ffn 3x64x128 + 2 norms) + final norm + emb + head.
        long perLayer = 64 * 64 + 2 * 64 * 32 + 64 * 64 + 3 * 64 * 128 + 2 * 64;
        assertEquals(2 * perLayer + 64 + 2 * 1000 * 64, tiny.parameters().total());
        assertThrows(IllegalArgumentException.class, () -> new TransformerSpec("bad", 2, 64, 4, 3, 16, 128, 1000));
        assertThrows(IllegalArgumentException.class, () -> new TransformerSpec("bad", 0, 64, 4, 2, 16, 128, 1000));
    }
}
