using System.Xml.Linq;
using NixVfioGen.Model;

namespace NixVfioGen.Guest;

/// <summary>
/// autounattend.xml for Windows 10 and 11 on this domain: the virtio drivers loaded in Windows PE, the
/// disk partitioned for UEFI (EFI, MSR, Windows), the locale, a local account, the OOBE screens that
/// the unattend schema lets one skip, and a first logon that runs the setup script. Secure Boot and the
/// TPM stay real: nothing here bypasses Windows 11's checks. Reference: Microsoft's "Unattended Windows
/// Setup Reference" (components Microsoft-Windows-Setup, -PnpCustomizationsWinPE, -International-Core,
/// -Shell-Setup) and "UEFI/GPT-based hard drive partitions" for the partition sizes.
/// </summary>
public static class AutounattendBuilder
{
    public static readonly XNamespace Unattend = "urn:schemas-microsoft-com:unattend";
    public static readonly XNamespace Wcm = "http://schemas.microsoft.com/WMIConfig/2002/State";

    /// <summary>The command the first logon runs: find the setup ISO's drive, then run its script.</summary>
    public static string FirstLogonCommand =>
        "powershell.exe -NoProfile -ExecutionPolicy Bypass -Command \"" +
        "Get-PSDrive -PSProvider FileSystem | ForEach-Object { Join-Path $_.Root '" + SetupMedia.FirstLogonScript + "' } | " +
        "Where-Object { Test-Path $_ } | Select-Object -First 1 | ForEach-Object { & $_ }\"";

    public static XDocument Build(WindowsVersion windows, GuestSetup setup, bool lookingGlassHost) => new(
        new XDeclaration("1.0", "utf-8", null),
        new XElement(Unattend + "unattend",
            new XAttribute(XNamespace.Xmlns + "wcm", Wcm),
            Settings("windowsPE",
                Component("Microsoft-Windows-International-Core-WinPE",
                    new XElement(Unattend + "SetupUILanguage", Element("UILanguage", setup.Language.Value)),
                    International(setup)),
                Component("Microsoft-Windows-PnpCustomizationsWinPE", new XElement(Unattend + "DriverPaths", DriverPaths(windows))),
                Component("Microsoft-Windows-Setup",
                    Disk(),
                    new XElement(Unattend + "ImageInstall", new XElement(Unattend + "OSImage",
                        setup.Edition is { } edition
                            ? new XElement(Unattend + "InstallFrom", new XElement(Unattend + "MetaData", new XAttribute(Wcm + "action", "add"),
                                Element("Key", "/IMAGE/NAME"),
                                Element("Value", edition.ImageName)))
                            : null,
                        new XElement(Unattend + "InstallTo", Element("DiskID", "0"), Element("PartitionID", "3")))),
                    new XElement(Unattend + "UserData",
                        // The edition's generic key answers the product-key page and, with the image named above, the
                        // edition picker; OnError: Setup shows the page only if the key does not fit the media.
                        // Without it Setup asks for both (see README, "Without --guest-edition").
                        setup.Edition is { } chosen
                            ? new XElement(Unattend + "ProductKey", Element("Key", chosen.Key), Element("WillShowUI", "OnError"))
                            : null,
                        Element("AcceptEula", "true")))),
            Settings("oobeSystem",
                Component("Microsoft-Windows-International-Core", International(setup)),
                Component("Microsoft-Windows-Shell-Setup",
                    // Sign in once automatically, so that the first-logon commands run.
                    new XElement(Unattend + "AutoLogon",
                        Password(""),
                        Element("Enabled", "true"),
                        Element("LogonCount", "1"),
                        Element("Username", setup.Account.Value)),
                    new XElement(Unattend + "FirstLogonCommands",
                        new XElement(Unattend + "SynchronousCommand", new XAttribute(Wcm + "action", "add"),
                            Element("CommandLine", FirstLogonCommand),
                            Element("Description", lookingGlassHost ? "nix-vfio-gen: guest tools and the Looking Glass host" : "nix-vfio-gen: guest tools"),
                            Element("Order", "1"))),
                    new XElement(Unattend + "OOBE",
                        Element("HideEULAPage", "true"),
                        Element("HideOEMRegistrationScreen", "true"),
                        Element("HideOnlineAccountScreens", "true"),
                        Element("HideWirelessSetupInOOBE", "true"),
                        Element("ProtectYourPC", "3")),
                    new XElement(Unattend + "UserAccounts", new XElement(Unattend + "LocalAccounts",
                        new XElement(Unattend + "LocalAccount", new XAttribute(Wcm + "action", "add"),
                            Password(""),
                            Element("DisplayName", setup.Account.Value),
                            Element("Group", "Administrators"),
                            Element("Name", setup.Account.Value))))))));

    public static string Render(XDocument document)
    {
        using var writer = new Utf8StringWriter();
        document.Save(writer, SaveOptions.None);
        return writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public override System.Text.Encoding Encoding => new System.Text.UTF8Encoding(false);
    }

    private static XElement Settings(string pass, params XElement[] components) =>
        new(Unattend + "settings", new XAttribute("pass", pass), components);

    private static XElement Component(string name, params object[] content) => new(Unattend + "component",
        new XAttribute("name", name),
        new XAttribute("processorArchitecture", "amd64"),
        new XAttribute("publicKeyToken", "31bf3856ad364e35"),
        new XAttribute("language", "neutral"),
        new XAttribute("versionScope", "nonSxS"),
        content);

    private static XElement Element(string name, string value) => new(Unattend + name, value);

    // The display language is the ISO's (--guest-language); keyboard and formats are the user's (--guest-locale).
    private static XElement[] International(GuestSetup setup) =>
    [
        Element("InputLocale", setup.Locale.InputLocale),
        Element("SystemLocale", setup.Locale.Tag),
        Element("UILanguage", setup.Language.Value),
        Element("UserLocale", setup.Locale.Tag),
    ];

    // An empty password: the account has none until the user sets one (none is stored in the ISO).
    private static XElement Password(string value) =>
        new(Unattend + "Password", Element("Value", value), Element("PlainText", "true"));

    private static IEnumerable<XElement> DriverPaths(WindowsVersion windows)
    {
        var key = 0;
        foreach (var letter in VirtioWinDrivers.DriveLetters)
        {
            foreach (var folder in VirtioWinDrivers.Folders(windows))
            {
                key++;
                yield return new XElement(Unattend + "PathAndCredentials",
                    new XAttribute(Wcm + "action", "add"), new XAttribute(Wcm + "keyValue", key.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    Element("Path", $@"{letter}:\{folder}"));
            }
        }
    }

    // GPT for UEFI: a 100 MB EFI system partition, a 16 MB MSR, and Windows on the rest of disk 0.
    private static XElement Disk() => new(Unattend + "DiskConfiguration",
        new XElement(Unattend + "Disk", new XAttribute(Wcm + "action", "add"),
            Element("DiskID", "0"),
            Element("WillWipeDisk", "true"),
            new XElement(Unattend + "CreatePartitions",
                CreatePartition(1, "EFI", size: 100),
                CreatePartition(2, "MSR", size: 16),
                CreatePartition(3, "Primary", size: null)),
            new XElement(Unattend + "ModifyPartitions",
                ModifyPartition(1, "FAT32", "System", letter: null),
                ModifyPartition(2, null, null, letter: null),
                ModifyPartition(3, "NTFS", "Windows", letter: "C"))));

    private static XElement CreatePartition(int order, string type, int? size) =>
        new(Unattend + "CreatePartition", new XAttribute(Wcm + "action", "add"),
            Element("Order", order.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Element("Type", type),
            size is { } megabytes ? Element("Size", megabytes.ToString(System.Globalization.CultureInfo.InvariantCulture)) : Element("Extend", "true"));

    private static XElement ModifyPartition(int order, string? format, string? label, string? letter) =>
        new(Unattend + "ModifyPartition", new XAttribute(Wcm + "action", "add"),
            Element("Order", order.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Element("PartitionID", order.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            format is null ? null : Element("Format", format),
            label is null ? null : Element("Label", label),
            letter is null ? null : Element("Letter", letter));
}
