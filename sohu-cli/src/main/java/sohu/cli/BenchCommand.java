package sohu.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sohu bench}: measurement tables of the blocks (subcommands). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Prints measurement tables of a block; choose a subcommand.",
        subcommands = {BenchVectorCommand.class})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }
}
