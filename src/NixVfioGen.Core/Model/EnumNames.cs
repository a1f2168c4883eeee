namespace NixVfioGen.Model;

/// <summary>The lower-case spelling of enum values on the command line, parsed without reflection.</summary>
public static class EnumNames
{
    public static string Name(this Platform platform) => platform switch
    {
        Platform.Auto => "auto",
        Platform.Amd => "amd",
        Platform.Intel => "intel",
        _ => throw new ArgumentOutOfRangeException(nameof(platform)),
    };

    public static string Name(this LookingGlassMode mode) => mode switch
    {
        LookingGlassMode.Shm => "shm",
        LookingGlassMode.Kvmfr => "kvmfr",
        LookingGlassMode.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    public static string Name(this BindingMode mode) => mode == BindingMode.Address ? "address" : "ids";

    public static string Name(this SecureBootKeys keys) => keys == SecureBootKeys.Microsoft ? "microsoft" : "none";

    public static SecureBootKeys ParseSecureBootKeys(string text) =>
        Parse(text, [SecureBootKeys.None, SecureBootKeys.Microsoft], Name);

    public static BindingMode ParseBindingMode(string text) => Parse(text, [BindingMode.Ids, BindingMode.Address], Name);

    public static Platform ParsePlatform(string text) =>
        Parse(text, [Platform.Auto, Platform.Amd, Platform.Intel], Name);

    public static LookingGlassMode ParseLookingGlassMode(string text) =>
        Parse(text, [LookingGlassMode.Shm, LookingGlassMode.Kvmfr, LookingGlassMode.None], Name);

    /// <summary>Case-insensitive match against the spelled names; the error lists them all.</summary>
    public static T Parse<T>(string text, IReadOnlyList<T> values, Func<T, string> name)
    {
        foreach (var value in values)
        {
            if (string.Equals(name(value), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        throw new InvalidInputException(text, "one of " + string.Join(", ", values.Select(name)));
    }
}
