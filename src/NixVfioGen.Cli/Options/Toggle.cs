namespace NixVfioGen.Cli.Options;

/// <summary>An on/off option's value, always given explicitly (<c>--early-binding false</c>).</summary>
internal sealed record Toggle(bool On)
{
    public override string ToString() => On ? "true" : "false";
}
