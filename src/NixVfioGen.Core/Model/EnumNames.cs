namespace NixVfioGen.Model;

/// <summary>The spelling table of each enum the command line takes, and their names as extension methods.</summary>
public static class EnumNames
{
    public static Spelling<Platform> Platforms { get; } = new((Platform.Auto, "auto"), (Platform.Amd, "amd"), (Platform.Intel, "intel"));

    public static Spelling<LookingGlassMode> LookingGlassModes { get; } =
        new((LookingGlassMode.Shm, "shm"), (LookingGlassMode.Kvmfr, "kvmfr"), (LookingGlassMode.None, "none"));

    public static Spelling<BindingMode> BindingModes { get; } = new((BindingMode.Ids, "ids"), (BindingMode.Address, "address"));

    public static Spelling<SecureBootKeys> SecureBootKeysSpelling { get; } =
        new((SecureBootKeys.None, "none"), (SecureBootKeys.Microsoft, "microsoft"));

    public static Spelling<WindowsVersion> WindowsVersions { get; } = new((WindowsVersion.Windows10, "10"), (WindowsVersion.Windows11, "11"));

    public static Spelling<ResetQuirk> ResetQuirks { get; } = new((ResetQuirk.Auto, "auto"), (ResetQuirk.Off, "off"));

    public static Spelling<BindAt> BindAtSpelling { get; } =
        new((BindAt.Boot, "boot"), (BindAt.Specialisation, "specialisation"), (BindAt.VmStart, "vm-start"));

    public static Spelling<HugePages> HugePagesSpelling { get; } = new((HugePages.None, "none"), (HugePages.TwoMiB, "2M"), (HugePages.OneGiB, "1G"));

    public static Spelling<VideoModel> VideoModels { get; } = new((VideoModel.Vga, "vga"), (VideoModel.None, "none"));

    public static string Name(this Platform platform) => Platforms.Name(platform);

    public static string Name(this LookingGlassMode mode) => LookingGlassModes.Name(mode);

    public static string Name(this BindingMode mode) => BindingModes.Name(mode);

    public static string Name(this SecureBootKeys keys) => SecureBootKeysSpelling.Name(keys);

    public static Platform ParsePlatform(string text) => Platforms.Parse(text);

    public static LookingGlassMode ParseLookingGlassMode(string text) => LookingGlassModes.Parse(text);

    public static BindingMode ParseBindingMode(string text) => BindingModes.Parse(text);

    public static SecureBootKeys ParseSecureBootKeys(string text) => SecureBootKeysSpelling.Parse(text);
}
