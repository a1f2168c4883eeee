namespace NixVfioGen.Model;

/// <summary>
/// A Linux user name as shadow-utils' default rule accepts it: starts with a lower-case letter or
/// underscore, then lower-case letters, digits, '_' or '-', optionally ending in '$', at most 32 characters.
/// </summary>
public sealed record UserName
{
    private UserName(string value) => Value = value;

    public string Value { get; }

    public const int MaxLength = 32;
    public const string Expected =
        "a Linux user name: a lower-case letter or '_', then lower-case letters, digits, '_' or '-', at most 32 characters";

    public static UserName Parse(string text)
    {
        if (!IsValid(text))
        {
            throw new InvalidInputException(text, Expected);
        }
        return new UserName(text);
    }

    private static bool IsValid(string text)
    {
        if (text.Length is 0 or > MaxLength || !(char.IsAsciiLetterLower(text[0]) || text[0] == '_'))
        {
            return false;
        }
        var body = text.EndsWith('$') ? text[..^1] : text;
        return body.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');
    }

    public override string ToString() => Value;
}
