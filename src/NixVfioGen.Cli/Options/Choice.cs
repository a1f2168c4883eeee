using NixVfioGen.Model;

namespace NixVfioGen.Cli.Options;

/// <summary>An enum option's value, which help shows as it is spelled on the command line (<c>auto</c>, not <c>Auto</c>).</summary>
internal sealed record Choice<T>(T Value, Spelling<T> Spelling) where T : struct, Enum
{
    public override string ToString() => Spelling.Name(Value);
}
