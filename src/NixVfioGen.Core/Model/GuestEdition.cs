using NixVfioGen.Model.WindowsLists;

namespace NixVfioGen.Model;

/// <summary>
/// --guest-edition: the Windows image Setup installs, by its name in install.wim ("Windows 11 Pro"), with the
/// edition's generic installation key, so Setup asks neither for a key nor for the edition.
/// </summary>
public sealed record GuestEdition
{
    private GuestEdition(WindowsVersion windows, bool namesRelease, string edition, string key)
    {
        Windows = windows;
        NamesRelease = namesRelease;
        Edition = edition;
        Key = key;
    }

    /// <summary>Whether the name gave the release ("Windows 10 Pro") rather than only the edition ("Pro").</summary>
    public bool NamesRelease { get; }

    public WindowsVersion Windows { get; }

    /// <summary>The edition without the release, e.g. "Pro".</summary>
    public string Edition { get; }

    /// <summary>The generic installation key: it chooses the edition, it does not activate.</summary>
    public string Key { get; }

    /// <summary>The image's /IMAGE/NAME in install.wim.</summary>
    public string ImageName => $"Windows {(Windows == WindowsVersion.Windows10 ? "10" : "11")} {Edition}";

    public const string Expected = "an edition on Microsoft's Windows media, e.g. \"Windows 11 Pro\", \"Windows 11 Home\", \"Windows 10 Education\" (or just Pro, Home, ...)";

    /// <summary>"Windows 11 Pro", or "Pro" for the release of --windows (see <see cref="ForRelease"/>).</summary>
    public static GuestEdition Parse(string text)
    {
        var name = text.Trim();
        var windows = WindowsVersion.Windows11;
        var namesRelease = false;
        foreach (var (prefix, release) in new[] { ("Windows 10 ", WindowsVersion.Windows10), ("Windows 11 ", WindowsVersion.Windows11) })
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[prefix.Length..];
                windows = release;
                namesRelease = true;
                break;
            }
        }
        var edition = WindowsEditions.GenericKeys.Keys.FirstOrDefault(key => string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidInputException(text, Expected);
        return new GuestEdition(windows, namesRelease, edition, WindowsEditions.GenericKeys[edition]);
    }

    /// <summary>The edition on the media of <paramref name="windows"/> when the name left the release out.</summary>
    public GuestEdition ForRelease(WindowsVersion windows) =>
        NamesRelease ? this : new GuestEdition(windows, namesRelease: false, Edition, Key);

    public override string ToString() => ImageName;
}
