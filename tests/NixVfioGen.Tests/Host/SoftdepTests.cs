using System.Text.Json;
using NixVfioGen.Generation;
using NixVfioGen.Host;
using NixVfioGen.Model;
using NixVfioGen.Nix;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Host;

/// <summary>
/// The softdeps as the host's kmod reads them: the module merged by nixpkgs' real lib.evalModules with a
/// stand-in of the line nixpkgs' nvidia.nix writes, written as NixOS writes it (/etc/modprobe.d/nixos.conf)
/// and parsed by Debian's real <c>modprobe -c -C DIR</c>. libkmod honours only the first softdep line of a
/// module (libkmod-config.c, kmod_module_get_softdeps), so the first line printed is the one in effect.
/// </summary>
public class SoftdepTests
{
    private static readonly string[] AllDrivers = ["amdgpu", "radeon", "nouveau", "nvidia", "i915", "xe"];

    /// <summary>The effective softdep of each module: its first line's pre: and post: modules.</summary>
    private static Dictionary<string, (string[] Pre, string[] Post)> Effective(HostOptions options, bool nixpkgsFirst)
    {
        var module = NixRenderer.Render(HostModuleBuilder.Build(options));
        using var directory = new TempDirectory();
        var modulePath = directory.File("vfio.nix", module);
        var nixpkgsNvidia = $$"""{ boot.extraModprobeConfig = "{{VfioBinding.NvidiaUvmSoftdep}}\n"; }""";
        var modules = nixpkgsFirst ? $"nixpkgsNvidia (import {modulePath})" : $"(import {modulePath}) nixpkgsNvidia";
        var result = NixTool.EvaluateJson($$"""
            let
              lib = import {{NixTool.LibPath}};
              declarations = import {{NixosOptions.Path}} lib;
              # nixos/modules/hardware/video/nvidia.nix, for the proprietary driver.
              nixpkgsNvidia = {{nixpkgsNvidia}};
              host = {
                _module.args.pkgs = { qemu_kvm = "qemu"; coreutils = "coreutils"; kmod = "kmod"; util-linux = "util-linux";
                  looking-glass-client = "looking-glass-client"; writeShellScript = name: text: name; };
                system.stateVersion = "26.05";
              };
              config = (lib.evalModules { modules = [ declarations host {{modules}} ]; }).config;
            in
            config.boot.extraModprobeConfig
            """);
        Assert.True(result.ExitCode == 0, result.Stderr);
        // NixOS writes the option to /etc/modprobe.d/nixos.conf (nixos/modules/system/boot/modprobe.nix).
        var modprobeDirectory = Path.Combine(directory.Path, "modprobe.d");
        Directory.CreateDirectory(modprobeDirectory);
        File.WriteAllText(Path.Combine(modprobeDirectory, "nixos.conf"), JsonSerializer.Deserialize<string>(result.Stdout));
        var parsed = ExternalTool.Run(Modprobe, ["-c", "-C", modprobeDirectory]);
        Assert.True(parsed.ExitCode == 0, "modprobe -c: " + parsed.Stderr);
        var effective = new Dictionary<string, (string[], string[])>();
        foreach (var line in parsed.Stdout.Split('\n').Where(line => line.StartsWith("softdep ", StringComparison.Ordinal)))
        {
            // kmod 30 prints "softdep M pre: A post: B" without a space before "post:".
            var words = line["softdep ".Length..];
            var name = words[..words.IndexOf(' ', StringComparison.Ordinal)];
            var rest = words[name.Length..];
            var post = rest.IndexOf("post:", StringComparison.Ordinal);
            var prePart = post < 0 ? rest : rest[..post];
            var postPart = post < 0 ? "" : rest[(post + "post:".Length)..];
            string[] Modules(string part, string key) => part.Replace(key, "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            effective.TryAdd(name, (Modules(prePart, "pre:"), Modules(postPart, "post:")));
        }
        return effective;
    }

    private static string Modprobe => TestTools.Modprobe
        ?? throw new InvalidOperationException("modprobe is not installed; run ./test.sh, which installs Debian's kmod (./test.sh --check-tools lists it)");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Passing_an_nvidia_gpu_loads_vfio_pci_first_and_keeps_nixpkgs_nvidia_uvm(bool nixpkgsFirst)
    {
        var softdeps = Effective(HostOptions.ForIds(PciId.ParseList("10de:2484,10de:228b")), nixpkgsFirst);
        Assert.Equal(["vfio-pci"], softdeps["nvidia"].Pre);
        Assert.Equal(["nvidia-uvm"], softdeps["nvidia"].Post);
        Assert.Equal(["vfio-pci"], softdeps["nouveau"].Pre);
        // Only the passed GPU's drivers: the host's AMD or Intel graphics are left as they are.
        Assert.Equal(["nouveau", "nvidia"], softdeps.Keys.Intersect(AllDrivers).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Passing_an_amd_gpu_leaves_the_hosts_nvidia_line_as_nixpkgs_wrote_it(bool nixpkgsFirst)
    {
        var softdeps = Effective(HostOptions.ForIds(PciId.ParseList("1002:67df,1002:aaf0")), nixpkgsFirst);
        Assert.Empty(softdeps["nvidia"].Pre);
        Assert.Equal(["nvidia-uvm"], softdeps["nvidia"].Post);
        Assert.Equal(["vfio-pci"], softdeps["amdgpu"].Pre);
        Assert.Equal(["vfio-pci"], softdeps["radeon"].Pre);
        Assert.False(softdeps.ContainsKey("nouveau"));
    }

    [Fact]
    public void Passing_an_intel_gpu_orders_only_intels_drivers()
    {
        var softdeps = Effective(HostOptions.ForIds(PciId.ParseList("8086:56a0")), nixpkgsFirst: false);
        Assert.Equal(["i915", "nvidia", "xe"], softdeps.Keys.Intersect(AllDrivers).Order(StringComparer.Ordinal));
        Assert.Equal(["vfio-pci"], softdeps["i915"].Pre);
        Assert.Empty(softdeps["nvidia"].Pre);
    }

    [Fact]
    public void Binding_by_address_writes_no_softdep_at_all()
    {
        var options = HostOptions.ForIds(PciId.ParseList("10de:2484,10de:228b")) with
        {
            Binding = new GpuBinding.ByAddress([PciAddress.Parse("0000:01:00.0"), PciAddress.Parse("0000:01:00.1")]),
        };
        var softdeps = Effective(options, nixpkgsFirst: false);
        Assert.Equal(["nvidia"], softdeps.Keys.Intersect(AllDrivers));
        Assert.Empty(softdeps["nvidia"].Pre);
        Assert.Equal(["nvidia-uvm"], softdeps["nvidia"].Post);
    }
}
