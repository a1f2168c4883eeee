using System.Text.Json;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Cli;

/// <summary>The root command: one module carrying the host setup and the domain.</summary>
public class RootCommandTests
{
    private static readonly string[] Seed = ["--ids", "1002:67df,1002:aaf0", "--pci", "0000:23:00.0,0000:23:00.1", "--user", "alice"];

    [Fact]
    public void The_module_parses_and_embeds_the_domain_output_byte_for_byte()
    {
        var module = CliRun.Run(Seed);
        Assert.Equal(0, module.ExitCode);
        var parsed = NixTool.Parse(module.Stdout);
        Assert.True(parsed.ExitCode == 0, parsed.Stderr);

        var domain = CliRun.Run(["domain", "--pci", "0000:23:00.0,0000:23:00.1"]);
        var evaluated = NixTool.EvaluateModule(module.Stdout);
        var embedded = evaluated.At("environment.etc").GetProperty("nix-vfio-gen/win11.xml").GetProperty("text").GetString();
        Assert.Equal(domain.Stdout, embedded);
        Libvirt.AssertAccepted(embedded!);
    }

    [Fact]
    public void Shared_options_reach_both_the_module_and_the_domain()
    {
        var args = new[] { "--ids", "1002:67df", "--looking-glass", "kvmfr", "--resolution", "2560x1440", "--vm-name", "games", "--windows", "10" };
        var module = NixTool.EvaluateModule(CliRun.Run(args).Stdout);
        Assert.Contains("options kvmfr static_size_mb=64\n", module.At("boot.extraModprobeConfig").GetString());
        var xml = module.At("environment.etc").GetProperty("nix-vfio-gen/games.xml").GetProperty("text").GetString()!;
        Assert.Contains("'size':67108864", xml);
        Assert.Contains("<name>games</name>", xml);
        Assert.DoesNotContain("<tpm", xml);
    }

    [Fact]
    public void Define_adds_a_service_that_never_overwrites_an_existing_domain()
    {
        var module = NixTool.EvaluateModule(CliRun.Run([.. Seed, "--define"]).Stdout);
        var service = module.At("systemd.services").GetProperty("nix-vfio-gen-define-win11");
        Assert.Equal(["libvirtd.service"], service.At("after").Strings());
        Assert.Equal("oneshot", service.At("serviceConfig.Type").GetString());
        var script = service.At("script").GetString()!;
        Assert.StartsWith("virsh=/nix/store/stub/libvirt/bin/virsh\n", script);
        Assert.Contains("if \"$virsh\" -c qemu:///system domuuid 'win11' >/dev/null 2>&1; then\n", script);
        Assert.Contains("  \"$virsh\" -c qemu:///system define '/etc/nix-vfio-gen/win11.xml'\n", script);
        Assert.DoesNotContain("undefine", script);
        Assert.False(NixTool.EvaluateModule(CliRun.Run(Seed).Stdout).At("systemd.services").TryGetProperty("nix-vfio-gen-define-win11", out _));
    }

    [Fact]
    public void Out_dir_writes_the_module_and_the_xml_side_by_side()
    {
        using var directory = new TempDirectory();
        var result = CliRun.Run([.. Seed, "--out-dir", directory.Path]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal(["vfio.nix", "win11.xml"], Directory.GetFiles(directory.Path).Select(Path.GetFileName).Order());
        var module = File.ReadAllText(Path.Combine(directory.Path, "vfio.nix"));
        Assert.Contains("environment.etc.\"nix-vfio-gen/win11.xml\".source = ./win11.xml;", module);
        Assert.True(NixTool.Parse(module).ExitCode == 0);
        Assert.Equal(CliRun.Run(["domain", "--pci", "0000:23:00.0,0000:23:00.1"]).Stdout,
            File.ReadAllText(Path.Combine(directory.Path, "win11.xml")));
    }

    [Fact]
    public void Out_dir_is_created_and_the_written_paths_are_named_but_nothing_is_written_on_bad_input()
    {
        using var directory = new TempDirectory();
        var created = Path.Combine(directory.Path, "new", "dir");
        var result = CliRun.Run([.. Seed, "--out-dir", created]);
        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(created, "vfio.nix")));
        Assert.Contains($"wrote {created}/win11.xml and {created}/vfio.nix; in a flake, git add both", result.Stderr);
        var file = directory.File("a-file", "");
        CliAssert.RefusedWithOneLine(CliRun.Run([.. Seed, "--out-dir", file]), "is a file; expected a directory");
        Directory.Delete(Path.Combine(directory.Path, "new"), recursive: true);
        File.Delete(file);

        CliAssert.RefusedWithOneLine(CliRun.Run(["--ids", "1002:67df", "--memory", "1TB", "--out-dir", directory.Path]), "--memory: '1TB'");
        Assert.Empty(Directory.GetFileSystemEntries(directory.Path));
    }

    [Fact]
    public void Out_dir_is_both_or_neither_when_a_target_cannot_be_written()
    {
        using var directory = new TempDirectory();
        var module = directory.File("vfio.nix", "# the user's module\n");
        Directory.CreateDirectory(Path.Combine(directory.Path, "win11.xml"));
        CliAssert.RefusedWithOneLine(CliRun.Run(["--ids", "1002:67df", "--out-dir", directory.Path]), "win11.xml");
        Assert.Equal("# the user's module\n", File.ReadAllText(module));
        Assert.Equal(["vfio.nix", "win11.xml"], Directory.GetFileSystemEntries(directory.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Without_define_one_stderr_line_says_how_to_create_the_disk_and_define_the_vm()
    {
        var result = CliRun.Run(Seed);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("qemu-img create -f qcow2 /var/lib/libvirt/images/win11.qcow2 128G && sudo virsh -c qemu:///system define /etc/nix-vfio-gen/win11.xml", result.Stderr);
        Assert.DoesNotContain("qemu-img", CliRun.Run([.. Seed, "--define"]).Stderr);
    }

    [Fact]
    public void Hostile_paths_round_trip_through_nix_and_xml()
    {
        var path = "/vm/it's a \"${disk}\" ''$ & <x>.qcow2";
        var module = NixTool.EvaluateModule(CliRun.Run(["--ids", "1002:67df", "--disk", path]).Stdout);
        var xml = module.At("environment.etc").GetProperty("nix-vfio-gen/win11.xml").GetProperty("text").GetString()!;
        var source = System.Xml.Linq.XDocument.Parse(xml).Descendants("disk").Single().Element("source")!.Attribute("file")!.Value;
        Assert.Equal(path, source);
    }
}
