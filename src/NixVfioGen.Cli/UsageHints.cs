using System.CommandLine;
using System.CommandLine.Parsing;
using NixVfioGen.Shell;

namespace NixVfioGen.Cli;

/// <summary>
/// Turns the parser's terse complaints about misplaced words into what to do: a command name after
/// options, two commands, an option of another command, a misspelt option.
/// </summary>
internal static class UsageHints
{
    private static IReadOnlyList<string> CommandNames => CliApp.SubcommandNames;

    /// <summary>
    /// A command name standing after other words, e.g. <c>--ids 1002:67df module</c> or
    /// <c>--vm-name gaming doctor</c>: the command goes first. A second command after a first one
    /// (<c>domain --pci … list-iommu</c>) is two commands, one at a time.
    /// </summary>
    public static string? MisplacedCommand(string[] args, Func<RootCommand> everyCommand)
    {
        var root = everyCommand();
        var first = args.Length > 0 && CommandNames.Contains(args[0]) ? args[0] : null;
        for (var i = 1; i < args.Length; i++)
        {
            // A value of an option (--vm-name doctor) is a value, not a command.
            if (!CommandNames.Contains(args[i]) || TakesValue(first is null ? root : Subcommand(root, first), args[i - 1]))
            {
                continue;
            }
            var rest = args.Where((_, index) => index != i).ToArray();
            if (first is not null)
            {
                return $"{first} and {args[i]} are two commands; run one at a time: nix-vfio-gen {Words(rest)}, then nix-vfio-gen {args[i]}";
            }
            string[] moved = [args[i], .. rest];
            return ForeignOption(moved, () => root) ?? $"put the command first: nix-vfio-gen {Words(moved)}";
        }
        return null;
    }

    /// <summary>
    /// Options given before a subcommand belong to the root command, which then does not run: the
    /// parser accepts <c>--memory 16G domain</c> and runs domain without them. Refused, never dropped.
    /// </summary>
    public static string? OptionsBeforeCommand(ParseResult result, string[] args, Func<RootCommand> everyCommand)
    {
        if (result.CommandResult == result.RootCommandResult
            || !result.RootCommandResult.Children.OfType<OptionResult>().Any(option => !option.Implicit && option.Option is not (System.CommandLine.Help.HelpOption or VersionOption)))
        {
            return null;
        }
        return MisplacedCommand(args, everyCommand)
            ?? $"put the command first: options before '{result.CommandResult.Command.Name}' are the root command's, which does not run then";
    }

    /// <summary>For an option the invoked command does not take, the commands that do.</summary>
    public static string? ForeignOption(string[] args, Func<RootCommand> everyCommand)
    {
        var command = args.Length > 0 && CommandNames.Contains(args[0]) ? args[0] : null;
        var root = everyCommand();
        foreach (var argument in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).Select(a => a.Split('=')[0]))
        {
            var owners = new List<string>();
            if (root.Options.Any(option => option.Name == argument))
            {
                owners.Add("the root command (nix-vfio-gen --ids …)");
            }
            owners.AddRange(root.Subcommands.Where(sub => sub.Options.Any(option => option.Name == argument)).Select(sub => sub.Name));
            var takenHere = (command is null ? root : Subcommand(root, command)).Options.Any(option => option.Name == argument);
            if (!takenHere && owners.Count > 0)
            {
                var why = command switch
                {
                    "domain" => Commands.DomainOptionSet.ModuleWork.GetValueOrDefault(argument),
                    "module" => Commands.HostOptionSet.VmWork.GetValueOrDefault(argument),
                    _ => null,
                };
                return $"{argument} is not an option of {command ?? "the root command"}{(why is null ? "" : $" ({why})")}; it is taken by {string.Join(", ", owners)}";
            }
        }
        return null;
    }

    /// <summary>
    /// An unknown option or command close to a known one of the invoked command, by edit distance:
    /// "--plaform" is "did you mean --platform?".
    /// </summary>
    /// <param name="result">The failed parse.</param>
    /// <param name="args">The words: a list option such as --ids takes a misspelt option after it as its value, which is no unmatched token.</param>
    public static string? Misspelt(ParseResult result, string[] args)
    {
        var command = result.CommandResult.Command;
        var known = command.Options.Concat(Ancestors(result.CommandResult).SelectMany(parent => parent.Options.Where(option => option.Recursive)))
            .Where(option => !option.Hidden)
            .SelectMany(option => option.Aliases.Prepend(option.Name))
            .Concat(command.Subcommands.Select(sub => sub.Name))
            .Distinct()
            .ToArray();
        var unknown = args.Where(arg => arg.StartsWith("--", StringComparison.Ordinal) && !known.Contains(arg.Split('=')[0]));
        foreach (var word in result.UnmatchedTokens.Concat(unknown))
        {
            var typed = word.Split('=')[0];
            if (ClosestName.Among(typed, known) is { } name)
            {
                var where = command is RootCommand ? "the root command" : command.Name;
                return $"{CliInputException.Printable(typed)} is not {(typed.StartsWith('-') ? "an option" : "a command")} of {where}; did you mean {name}? (see nix-vfio-gen {(command is RootCommand ? "" : command.Name + " ")}--help)";
            }
        }
        return null;
    }

    private static IEnumerable<Command> Ancestors(CommandResult result)
    {
        for (var parent = result.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            yield return parent.Command;
        }
    }

    private static Command Subcommand(RootCommand root, string name) => root.Subcommands.Single(sub => sub.Name == name);

    // Whether the word is an option of the command that reads the next word as its value (a flag does not).
    private static bool TakesValue(Command command, string word) =>
        command.Options.FirstOrDefault(option => option.Name == word || option.Aliases.Contains(word)) is { } option
        && option.ValueType != typeof(bool)
        && option.Arity.MaximumNumberOfValues > 0;

    // As the user would type them again: quoted where the shell needs it.
    private static string Words(IEnumerable<string> words) => string.Join(' ', words.Select(ShellWords.QuoteIfNeeded));
}
