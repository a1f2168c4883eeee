namespace NixVfioGen.Model;

/// <summary>A user-supplied value that does not fit; the CLI turns it into one stderr line and exit code 2.</summary>
public sealed class InvalidInputException(string value, string expected)
    : Exception($"'{value}' is not valid; expected {expected}")
{
    /// <summary>The offending text as the user gave it.</summary>
    public string Value { get; } = value;

    /// <summary>What would have been accepted, phrased to follow "expected".</summary>
    public string Expected { get; } = expected;
}
