namespace NixVfioGen.Tests.Support;

/// <summary>
/// Where the checkers that are not plain commands live: the libvirt daemon, modprobe (outside a
/// non-root PATH on Debian) and the UEFI images with Microsoft's keys. test.sh finds them (by PATH
/// and NIX_VFIO_GEN_* variables, which nix develop sets; Debian's locations only as its fallback on
/// Debian) and exports the variables; a focused `dotnet test` without test.sh asks
/// <c>test.sh --tools-env</c>, so the lookup is written once.
/// </summary>
internal static class TestTools
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> FromTestSh = new(() =>
    {
        var result = ExternalTool.Run("bash", [Repository.PathOf("test.sh"), "--tools-env"]);
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]);
    });

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } set ? set
        : FromTestSh.Value.TryGetValue(name, out var found) && found.Length > 0 ? found
        : null;

    /// <summary>The libvirtd executable, or null when neither test.sh nor the environment found one.</summary>
    public static string? LibvirtDaemon => Variable("NIX_VFIO_GEN_LIBVIRTD");

    /// <summary>kmod's modprobe (on PATH, else where Debian puts it outside a non-root PATH), or null.</summary>
    public static string? Modprobe => Variable("NIX_VFIO_GEN_MODPROBE");

    /// <summary>
    /// The Microsoft-enrolled UEFI code and variables template: Debian names them OVMF_CODE_4M.ms.fd,
    /// nixpkgs' OVMFFull.fd OVMF_CODE.ms.fd (in FV/).
    /// </summary>
    public static (string Code, string VarsTemplate)? MicrosoftKeysFirmware
    {
        get
        {
            if (Variable("NIX_VFIO_GEN_OVMF_DIR") is not { } directory)
            {
                return null;
            }
            foreach (var suffix in new[] { "_4M.ms.fd", ".ms.fd" })
            {
                var (code, vars) = (Path.Combine(directory, "OVMF_CODE" + suffix), Path.Combine(directory, "OVMF_VARS" + suffix));
                if (File.Exists(code) && File.Exists(vars))
                {
                    return (code, vars);
                }
            }
            return null;
        }
    }
}
