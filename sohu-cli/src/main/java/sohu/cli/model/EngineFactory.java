package sohu.cli.model;

import sohu.cli.CliException;
import sohu.cli.Main;
import sohu.core.model.Checkpoint;
import sohu.core.model.Engine;
import sohu.core.model.ReferenceEngine;

/** The one place an {@link EngineKind} becomes an {@link Engine}; new engines are added here. */
public final class EngineFactory {
    private EngineFactory() {
    }

    /**
     * Fails with a one-line usage error if this build has no {@code kind} engine; call it before
     * doing any work.
     */
    public static void checkAvailable(EngineKind kind) {
        if (kind != EngineKind.REFERENCE) {
            throw new CliException("--engine " + kind + " is not available in this build (available: "
                    + EngineKind.REFERENCE + ")", Main.EXIT_USAGE);
        }
    }

    /** An engine of {@code kind} holding {@code model}, with no sequences yet. */
    public static Engine create(EngineKind kind, Checkpoint model) {
        checkAvailable(kind);
        return switch (kind) {
            case REFERENCE -> new ReferenceEngine(model);
            case GOLDEN, RTL -> throw new IllegalStateException("unreachable: " + kind);
        };
    }
}
