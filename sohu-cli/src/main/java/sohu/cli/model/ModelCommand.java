package sohu.cli.model;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sohu model}: model folders (for now {@code init}, a random Llama). */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Works with Hugging Face Llama model folders (config.json + model.safetensors).",
        subcommands = {ModelInitCommand.class})
public final class ModelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command; choose one of: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
