namespace NixVfioGen.Installed;

/// <summary>
/// Microsoft-enrolled Secure Boot firmware at stable paths. NixOS 25.11+ points libvirt's firmware
/// directory (/var/lib/qemu/firmware) at QEMU's descriptors only (nixpkgs PR #421549), none of which
/// has enrolled-keys, so auto-selection cannot find such firmware. The module links OVMFFull's
/// <c>.ms.fd</c> images under /etc instead and the domain names them directly: no /nix/store path
/// in the domain (nixpkgs issue #378894), and the links follow every nixpkgs update.
/// </summary>
public static class MicrosoftKeysFirmware
{
    /// <summary>The /etc subdirectory, relative, as <c>environment.etc</c> keys are written.</summary>
    public const string EtcDirectory = InstalledFiles.Directory + "/firmware";

    public const string CodeFile = "OVMF_CODE.ms.fd";

    public const string VarsFile = "OVMF_VARS.ms.fd";

    public static EtcFile Code { get; } = new($"{EtcDirectory}/{CodeFile}");

    public static EtcFile VarsTemplate { get; } = new($"{EtcDirectory}/{VarsFile}");

    public static string CodePath => Code.Path;

    public static string VarsTemplatePath => VarsTemplate.Path;
}
