using System.CommandLine;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>Runs a model parser on an option's text and names the option when the value is bad.</summary>
internal static class OptionValue
{
    public static T Parse<T>(Option option, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (InvalidInputException error)
        {
            throw CliInputException.For(option.Name, error);
        }
    }

    /// <summary>Parses the option's value when it was given; null when it was not.</summary>
    public static T? ParseOptional<T>(ParseResult result, Option<string?> option, Func<string, T> parse) where T : class =>
        result.GetValue(option) is { } text ? Parse(option, text, parse) : null;

    /// <summary>A list option's values joined as one comma-separated list; null when it was not given.</summary>
    public static IReadOnlyList<T>? ParseList<T>(ParseResult result, Option<string[]> option, Func<string, IReadOnlyList<T>> parse) =>
        result.GetValue(option) is { Length: > 0 } values ? Parse(option, string.Join(',', values), parse) : null;

    public static bool ParseBoolean(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => throw new InvalidInputException(text, "true or false"),
    };
}
