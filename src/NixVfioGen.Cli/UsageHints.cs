using System.CommandLine;

namespace NixVfioGen.Cli;

/// <summary>
/// Turns the parser's terse complaints about misplaced words into what to do: a command name after
/// options, or an option of another command.
/// </summary>
internal static class UsageHints
{
    private static IReadOnlyList<string> Commands => CliApp.SubcommandNames;

    /// <summary>A command name standing after a value, e.g. <c>--ids 1002:67df module</c>: the command goes first.</summary>
    public static string? MisplacedCommand(string[] args)
    {
        for (var i = 1; i < args.Length; i++)
        {
            if (Commands.Contains(args[i]) && !args[i - 1].StartsWith('-'))
            {
                var rest = args.Where((_, index) => index != i);
                return $"put the command first: nix-vfio-gen {args[i]} {string.Join(' ', rest)}";
            }
        }
        return null;
    }

    /// <summary>For an option the invoked command does not take, the commands that do.</summary>
    public static string? ForeignOption(string[] args, Func<RootCommand> everyCommand)
    {
        var command = args.Length > 0 && Commands.Contains(args[0]) ? args[0] : null;
        var root = everyCommand();
        foreach (var argument in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            var owners = new List<string>();
            if (root.Options.Any(option => option.Name == argument))
            {
                owners.Add("the root command (nix-vfio-gen --ids …)");
            }
            owners.AddRange(root.Subcommands.Where(sub => sub.Options.Any(option => option.Name == argument)).Select(sub => sub.Name));
            var takenHere = command is null
                ? root.Options.Any(option => option.Name == argument)
                : root.Subcommands.Single(sub => sub.Name == command).Options.Any(option => option.Name == argument);
            if (!takenHere && owners.Count > 0)
            {
                return $"{argument} is not an option of {command ?? "the root command"}; it is taken by {string.Join(", ", owners)}";
            }
        }
        return null;
    }
}
