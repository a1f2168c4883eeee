namespace NixVfioGen.Model;

/// <summary>A NixOS release <c>YY.MM</c> (May and November releases), which decides firmware options.</summary>
public sealed record NixosRelease(int Year, int Month) : IComparable<NixosRelease>
{
    public const string Expected = "a NixOS release YY.05 or YY.11 from 23.11 on, e.g. 26.05";

    /// <summary>The oldest release with every option the module sets (programs.virt-manager came in 23.11).</summary>
    public static NixosRelease Oldest { get; } = new(23, 11);

    /// <summary>The release the flake pins (nixos-26.05, the current stable release), and so the default.</summary>
    public static NixosRelease Default { get; } = new(26, 5);

    /// <summary>NixOS 25.11 removed <c>virtualisation.libvirtd.qemu.ovmf</c> (nixpkgs PR #421549).</summary>
    public static NixosRelease OvmfSubmoduleRemoved { get; } = new(25, 11);

    public static NixosRelease Parse(string text)
    {
        var parts = text.Trim().Split('.');
        if (parts.Length == 2 && parts[0].Length == 2 && parts[1].Length == 2
            && parts[0].All(char.IsAsciiDigit) && parts[1].All(char.IsAsciiDigit))
        {
            var release = new NixosRelease(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
            if (release.Month is 5 or 11 && release.CompareTo(Oldest) >= 0)
            {
                return release;
            }
        }
        throw new InvalidInputException(text, Expected);
    }

    public bool HasOvmfSubmodule => CompareTo(OvmfSubmoduleRemoved) < 0;

    public int CompareTo(NixosRelease? other) =>
        other is null ? 1 : (Year, Month).CompareTo((other.Year, other.Month));

    // Concatenated, not interpolated: see PciAddress.ToString.
    public override string ToString() =>
        Year.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + "." + Month.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
}
