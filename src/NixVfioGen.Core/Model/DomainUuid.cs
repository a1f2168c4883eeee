namespace NixVfioGen.Model;

/// <summary>An explicit domain UUID; without one, libvirt assigns its own at define time.</summary>
public sealed record DomainUuid
{
    private DomainUuid(Guid value) => Value = value;

    public Guid Value { get; }

    public const string Expected = "a UUID such as 4dea22b3-1d52-4b5f-9f8e-8f1b5e7b2a10";

    public static DomainUuid Parse(string text) =>
        text.Trim().Length == 36 && Guid.TryParseExact(text.Trim(), "D", out var value)
            ? new DomainUuid(value)
            : throw new InvalidInputException(text, Expected);

    public override string ToString() => Value.ToString("D");
}
