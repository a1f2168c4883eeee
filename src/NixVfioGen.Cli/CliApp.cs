using System.CommandLine;
using NixVfioGen.Cli.Commands;

namespace NixVfioGen.Cli;

/// <summary>Wires System.CommandLine to the core and turns every failure into one line and an exit code.</summary>
internal static class CliApp
{
    public const string Example =
        "nix-vfio-gen --ids 1002:67df,1002:aaf0 --pci 0000:23:00.0,0000:23:00.1 --platform amd --user alice > vfio.nix";

    private static readonly (string Name, Func<CliEnvironment, Command> Create)[] Subcommands =
    [
        ("module", ModuleCommand.Create),
        ("domain", DomainCommand.Create),
        ("list-iommu", ListIommuCommand.Create),
        ("doctor", DoctorCommand.Create),
    ];

    /// <summary>The subcommands' names, for the usage hints.</summary>
    public static IReadOnlyList<string> SubcommandNames { get; } = Subcommands.Select(command => command.Name).ToArray();

    // A run of one subcommand builds only that subcommand's options, and a run of the root command none
    // of the subcommands' unless a word names one or help lists them (lean): start-up is most of a run's cost.
    private static RootCommand BuildCommands(string[] args, CliEnvironment environment, bool lean = false)
    {
        var root = new RootCommand($"Generate a NixOS module and libvirt domain for VFIO GPU passthrough.\n\nExample:\n  {Example}");
        // Only --help and -h: the default "/h" and "/?" aliases would swallow paths such as "--iso /h".
        for (var i = 0; i < root.Options.Count; i++)
        {
            if (root.Options[i] is System.CommandLine.Help.HelpOption)
            {
                root.Options[i] = new System.CommandLine.Help.HelpOption("--help", "-h");
            }
        }
        var only = args.Length > 0 ? Array.Find(Subcommands, command => command.Name == args[0]) : default;
        if (only.Create is not null)
        {
            root.Subcommands.Add(only.Create(environment));
            return root;
        }
        GenerateCommand.Configure(root, environment);
        if (lean && !args.Any(arg => arg is "--help" or "-h" || SubcommandNames.Contains(arg)))
        {
            return root;
        }
        foreach (var (_, create) in Subcommands)
        {
            root.Subcommands.Add(create(environment));
        }
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellation = default)
    {
        // No arguments at all: the help, which says what to give, not an error about one missing option.
        if (args.Length == 0)
        {
            args = ["--help"];
        }
        StartupTrace.Start();
        // Commands write to a buffer, so that a failure part-way leaves nothing printed.
        var stdout = new StringWriter();
        var buffered = environment with { Out = stdout };
        var root = BuildCommands(args, buffered, lean: true);
        StartupTrace.Mark("options");

        // No response files: an argument starting with '@' is a value, never a file to read.
        var result = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (result.Errors.Count > 0)
        {
            // Errors and their hints as the whole command tree gives them.
            result = BuildCommands(args, buffered).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        }
        StartupTrace.Mark("parse");
        RootCommand EveryCommand() => BuildCommands([], buffered);
        if (result.Errors.Count > 0)
        {
            // Where the words are only in the wrong place, say where they go instead of what the parser saw.
            var hint = UsageHints.MisplacedCommand(args, EveryCommand) ?? UsageHints.ForeignOption(args, EveryCommand) ?? UsageHints.Misspelt(result, args);
            environment.Error.WriteLine("nix-vfio-gen: " + (hint ?? CliInputException.Printable(result.Errors[0].Message, int.MaxValue) + " (see --help)"));
            return ExitCodes.UsageError;
        }
        if (UsageHints.OptionsBeforeCommand(result, args, EveryCommand) is { } misplaced)
        {
            environment.Error.WriteLine("nix-vfio-gen: " + misplaced);
            return ExitCodes.UsageError;
        }
        try
        {
            // Async actions get the parse's cancellation token, which Ctrl-C (SIGINT) and SIGTERM cancel: a
            // hung formatter or virsh is then killed with everything it started, and nothing is written.
            var exitCode = await result.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = environment.Error, EnableDefaultExceptionHandler = false }, cancellation);
            var text = stdout.ToString();
            environment.Out.Write(result.Action is System.CommandLine.Help.HelpAction && Help.OptionGroups.AppliesTo(result.CommandResult.Command)
                ? Help.GroupedHelp.Regroup(text)
                : text);
            StartupTrace.Mark("output");
            return exitCode;
        }
        catch (OperationCanceledException)
        {
            environment.Error.WriteLine("nix-vfio-gen: interrupted; nothing was written");
            return ExitCodes.Interrupted;
        }
        catch (CliInputException error)
        {
            environment.Error.WriteLine("nix-vfio-gen: " + error.Message);
            return ExitCodes.UsageError;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // A bug, not bad input: still one line and no partial output, never a stack trace.
            environment.Error.WriteLine($"nix-vfio-gen: internal error ({error.GetType().Name}): {CliInputException.Printable(error.Message)}; please report it");
            return ExitCodes.InternalError;
        }
    }
}
