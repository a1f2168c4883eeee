using NixVfioGen.Model;

namespace NixVfioGen.Guest;

/// <summary>
/// The drivers Windows Setup needs before it can see the disk and the network: viostor (virtio-blk,
/// the domain's disk bus) and NetKVM (virtio-net). virtio-win lays them out as DRIVER\RELEASE\ARCH,
/// e.g. viostor\w11\amd64 (virtio-win-pkg-scripts; pkgs.virtio-win copies the ISO as it is).
/// </summary>
public static class VirtioWinDrivers
{
    public static IReadOnlyList<string> Drivers { get; } = ["viostor", "NetKVM"];

    public static string Release(WindowsVersion windows) => windows == WindowsVersion.Windows10 ? "w10" : "w11";

    /// <summary>Relative to the root of the setup ISO, with Windows separators.</summary>
    public static IReadOnlyList<string> Folders(WindowsVersion windows) =>
        Drivers.Select(driver => $@"{SetupMedia.VirtioWinDirectory}\{driver}\{Release(windows)}\amd64").ToArray();

    /// <summary>
    /// The setup ISO's drive letter is not known in advance (it follows the installer's and any other
    /// cdrom's), so each folder is listed under the letters it can get; Setup skips paths that do not exist.
    /// </summary>
    public static IReadOnlyList<char> DriveLetters { get; } = ['D', 'E', 'F', 'G', 'H'];
}
