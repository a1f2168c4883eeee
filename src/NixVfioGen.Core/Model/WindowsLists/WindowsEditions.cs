namespace NixVfioGen.Model.WindowsLists;

/// <summary>
/// The editions on Microsoft's Windows 10 and 11 media (the names of the images in sources/install.wim
/// are "Windows 11 " + these) and each one's generic installation key. A generic key only chooses the
/// edition; it installs and never activates (activation needs the machine's licence). These are the
/// default keys Windows' own edition change uses; Microsoft lists the volume (KMS client, GVLK) keys on
/// "Key Management Services (KMS) client activation and product keys"
/// (learn.microsoft.com/windows-server/get-started/kms-client-activation-keys), which are for volume media
/// and have none for Home. Checked against cschneegans/unattend-generator resource/WindowsEdition.json,
/// which Windows 11 24H2 Setup accepts.
/// </summary>
public static class WindowsEditions
{
    public static IReadOnlyDictionary<string, string> GenericKeys { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Home"] = "YTMG3-N6DKC-DKB77-7M9GH-8HVX7",
        ["Home N"] = "4CPRK-NM3K3-X6XXQ-RXX86-WXCHW",
        ["Home Single Language"] = "BT79Q-G7N6G-PGBYW-4YWX6-6F4BT",
        ["Education"] = "YNMGQ-8RYV3-4PGQ3-C8XTP-7CFBY",
        ["Education N"] = "84NGF-MHBT6-FXBX8-QWJK7-DRR8H",
        ["Pro"] = "VK7JG-NPHTM-C97JM-9MPGT-3V66T",
        ["Pro N"] = "2B87N-8KFHP-DKV6R-Y2C8J-PKCKT",
        ["Pro Education"] = "8PTT6-RNW4C-6V7J2-C2D3X-MHBPB",
        ["Pro Education N"] = "GJTYN-HDMQY-FRR76-HVGC7-QPF8P",
        ["Pro for Workstations"] = "DXG7C-N36C4-C4HTG-X4T3X-2YV77",
        ["Pro N for Workstations"] = "WYPNQ-8C467-V2W6J-TX4WX-WT2RQ",
        ["Enterprise"] = "XGVPP-NMH47-7TTHJ-W3FW7-8HV2C",
        ["Enterprise N"] = "WGGHN-J84D6-QYCPR-T7PJ7-X766F",
    };
}
