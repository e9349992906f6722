package sohu.cli.model;

import java.util.LinkedHashMap;
import java.util.Map;
import sohu.cli.CliException;
import sohu.cli.Main;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.ModelCompiler;
import sohu.core.golden.GoldenEngine;
import sohu.core.model.Checkpoint;
import sohu.core.model.Engine;
import sohu.core.model.ModelSpec;
import sohu.core.model.ReferenceEngine;
import sohu.core.model.Tensor;
import sohu.core.soc.rtl.SohuCore;
import sohu.verify.soc.RtlEngine;

/** The one place an {@link EngineKind} becomes an {@link Engine}; new engines are added here. */
public final class EngineFactory {
    private EngineFactory() {
    }

    /**
     * Fails with a one-line usage error if this build has no {@code kind} engine; call it before
     * doing any work.
     */
    public static void checkAvailable(EngineKind kind) {
        // every engine is built in; kept as the one place to refuse one a build lacks
    }

    /**
     * Fails with a one-line usage error if {@code core} cannot run {@code spec} (a head_dim the
     * array cannot tile, memories too small); call it before any step. The reference engine runs
     * any model.
     */
    public static void checkFits(EngineKind kind, ModelSpec spec, CoreConfig core) {
        if (kind == EngineKind.REFERENCE) {
            return;
        }
        try {
            new ModelCompiler(spec, core);
            if (kind == EngineKind.RTL) {
                SohuCore.Params.of(core);
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), Main.EXIT_USAGE);
        }
    }

    /** An engine of {@code kind} holding {@code model} on {@code core}, with no sequences yet. */
    public static Engine create(EngineKind kind, Checkpoint model, CoreConfig core) {
        checkAvailable(kind);
        checkFits(kind, model.spec(), core);
        return switch (kind) {
            case REFERENCE -> new ReferenceEngine(model);
            case GOLDEN -> new GoldenEngine(model.spec(), weights(model), core, false);
            case RTL -> new RtlEngine(model.spec(), weights(model), core);
        };
    }

    private static Map<String, float[]> weights(Checkpoint model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : model.tensors().entrySet()) {
            out.put(e.getKey(), e.getValue().data());
        }
        return out;
    }
}
