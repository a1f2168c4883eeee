namespace NixVfioGen.Model;

/// <summary>
/// A vBIOS image QEMU shows the guest instead of the GPU's own ROM (libvirt's <c>&lt;rom file=…/&gt;</c>),
/// for the passed function <see cref="Function"/>.
/// </summary>
/// <remarks>
/// The file stays where the user put it, under /etc or /var/lib/libvirt: root-owned places QEMU can
/// read whether it runs as root or as qemu-libvirtd, that survive rebuilds, and that keep a vendor's
/// firmware out of the world-readable Nix store (a flake could not read an absolute path outside
/// itself anyway). The README shows how to dump the image and install it there.
/// </remarks>
public sealed record GpuRom(PciAddress Function, HostPath File)
{
    public static readonly IReadOnlyList<string> Directories = ["/etc/", "/var/lib/libvirt/"];

    public const string Expected =
        "a vBIOS file under /etc/ or /var/lib/libvirt/ (readable by QEMU), e.g. /var/lib/libvirt/vbios/gpu.rom, optionally after the function it belongs to: 0000:23:00.0=/var/lib/libvirt/vbios/gpu.rom";

    /// <summary>One --rom entry; without an address it belongs to the first --pci function, the GPU's video function.</summary>
    public sealed record Request(PciAddress? Function, HostPath File)
    {
        public GpuRom? PlaceOn(IReadOnlyList<PciAddress> pci) =>
            Function is { } function ? (pci.Contains(function) ? new GpuRom(function, File) : null)
            : pci.Count > 0 ? new GpuRom(pci[0], File) : null;
    }

    public static Request Parse(string text)
    {
        var equals = text.IndexOf('=');
        PciAddress? function = null;
        var path = text;
        if (equals > 0 && !text[..equals].Contains('/'))
        {
            try
            {
                function = PciAddress.Parse(text[..equals]);
            }
            catch (InvalidInputException)
            {
                throw new InvalidInputException(text, Expected);
            }
            path = text[(equals + 1)..];
        }
        HostPath file;
        try
        {
            file = HostPath.Parse(path);
        }
        catch (InvalidInputException)
        {
            throw new InvalidInputException(text, Expected);
        }
        return Directories.Any(directory => file.Value.StartsWith(directory, StringComparison.Ordinal) && file.Value.Length > directory.Length)
            ? new Request(function, file)
            : throw new InvalidInputException(text, Expected);
    }

    public static IReadOnlyList<Request> ParseList(string text)
    {
        var requests = CommaList.Parse(text, Parse, "a comma-separated list of vBIOS files, each optionally after its function and '='");
        var repeated = requests.GroupBy(request => request.Function).FirstOrDefault(group => group.Count() > 1);
        return repeated is null
            ? requests
            : throw new InvalidInputException(text, $"one vBIOS per function ({repeated.Key?.ToString() ?? "the first --pci function"} has {repeated.Count()})");
    }
}
