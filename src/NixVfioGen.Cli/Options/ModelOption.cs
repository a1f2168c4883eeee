using System.CommandLine;
using System.CommandLine.Parsing;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Options;

/// <summary>
/// Options typed by the model: System.CommandLine hands each value to the model's own parser, and a
/// value the model refuses becomes a parse error naming the option, the value and what is expected.
/// The default values come from the model (the factories here); where a help text also names a
/// default ("(default 128G)"), it restates the model's by hand and must change with it.
/// </summary>
internal static class ModelOption
{
    /// <summary>A single-valued option; without <paramref name="defaultValue"/> it is null when not given.</summary>
    public static Option<T> Of<T>(string name, string description, string helpName, Func<string, T> parse, Func<T>? defaultValue = null, params string[] aliases)
    {
        var option = new Option<T>(name, aliases)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result => ParseTokens(result, name, string.Concat(result.Tokens.Select(token => token.Value)), parse),
        };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue();
        }
        return option;
    }

    /// <summary>An enum option whose values, help and default's spelling come from its spelling table.</summary>
    public static Option<Choice<T>> Of<T>(string name, string description, Spelling<T> spelling, T defaultValue) where T : struct, Enum =>
        Of(name, description, spelling.HelpName, text => new Choice<T>(spelling.Parse(text), spelling), () => new Choice<T>(defaultValue, spelling));

    /// <summary>
    /// A list option: repeated, or several words after one flag, or comma-separated, all joined as one
    /// comma-separated list for the model's list parser.
    /// </summary>
    public static Option<IReadOnlyList<T>?> List<T>(string name, string description, string helpName, Func<string, IReadOnlyList<T>> parse) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result => ParseTokens<IReadOnlyList<T>?>(result, name, string.Join(',', result.Tokens.Select(token => token.Value)), parse),
        };

    /// <summary>true|false spelled any of the usual ways.</summary>
    /// <remarks>
    /// Typed as <see cref="Toggle"/>, not bool: System.CommandLine reads a bool option as a flag and
    /// leaves a value it cannot read as bool (<c>maybe</c>) over as a stray argument.
    /// </remarks>
    public static Option<Toggle> Switch(string name, string description, bool defaultValue) =>
        Of(name, description, "true|false", text => new Toggle(ParseBoolean(text)), () => new Toggle(defaultValue));

    /// <summary>
    /// The option's value for a rule between options, or null when the value itself was refused (its
    /// own error is reported then) or not given.
    /// </summary>
    public static T? ValueFor<T>(this System.CommandLine.Parsing.CommandResult result, Option<T> option) where T : class?
    {
        try
        {
            return result.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static bool ParseBoolean(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => throw new InvalidInputException(text, "true or false"),
    };

    private static T ParseTokens<T>(ArgumentResult result, string name, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (InvalidInputException error)
        {
            result.AddError(CliInputException.For(name, error).Message);
            return default!;
        }
    }
}
