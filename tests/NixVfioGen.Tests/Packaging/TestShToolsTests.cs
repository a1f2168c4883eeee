using System.Diagnostics;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Packaging;

/// <summary>
/// test.sh finds its checkers by PATH and NIX_VFIO_GEN_* variables (what nix develop sets), not by
/// Debian's locations: run with nothing but a PATH, `test.sh --check-tools` lists what is missing.
/// </summary>
public class TestShToolsTests
{
    private static readonly string[] Commands =
    [
        "nix-instantiate", "virsh", "virt-xml-validate", "xmllint", "libvirtd", "qemu-system-x86_64", "qemu-img",
        "swtpm", "swtpm_setup", "shellcheck", "xorriso", "7zz", "genisoimage", "modprobe", "systemd-nspawn", "debootstrap", "pwsh",
    ];

    private static ExternalTool.Result CheckTools(string path, IReadOnlyDictionary<string, string>? variables = null)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Repository.PathOf("test.sh"));
        start.ArgumentList.Add("--check-tools");
        start.Environment.Clear();
        start.Environment["PATH"] = path;
        start.Environment["HOME"] = "/nonexistent";
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new ExternalTool.Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void With_an_empty_path_every_checker_is_listed_missing_and_no_debian_location_is_used()
    {
        using var empty = new TempDirectory();
        var result = CheckTools(empty.Path);
        Assert.Equal(1, result.ExitCode);
        foreach (var command in Commands)
        {
            Assert.Matches($@"(?m)^missing  {System.Text.RegularExpressions.Regex.Escape(command)} +\(", result.Stdout);
        }
        Assert.Contains("missing  libvirt QEMU driver", result.Stdout);
        Assert.Contains("missing  OVMF with Microsoft keys", result.Stdout);
        // This Debian machine has /usr/sbin/libvirtd and /usr/share/OVMF; without apt-get on PATH they do not count.
        Assert.DoesNotContain("found", result.Stdout);
        Assert.DoesNotContain("/usr/", result.Stdout);
    }

    [Fact]
    public void Checkers_on_path_and_in_the_variables_are_found_there()
    {
        using var root = new TempDirectory();
        var bin = Directory.CreateDirectory(Path.Combine(root.Path, "bin")).FullName;
        foreach (var command in Commands)
        {
            File.WriteAllText(Path.Combine(bin, command), "#!/bin/sh\n");
            File.SetUnixFileMode(Path.Combine(bin, command), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        // nixpkgs' libvirt layout: the QEMU driver under lib/ beside bin/.
        var driver = Directory.CreateDirectory(Path.Combine(root.Path, "lib", "libvirt", "connection-driver")).FullName;
        File.WriteAllText(Path.Combine(driver, "libvirt_driver_qemu.so"), "");
        // nixpkgs' OVMFFull.fd/FV names.
        var firmware = Directory.CreateDirectory(Path.Combine(root.Path, "FV")).FullName;
        File.WriteAllText(Path.Combine(firmware, "OVMF_CODE.ms.fd"), "");
        File.WriteAllText(Path.Combine(firmware, "OVMF_VARS.ms.fd"), "");

        var result = CheckTools(bin, new Dictionary<string, string> { ["NIX_VFIO_GEN_OVMF_DIR"] = firmware });
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.DoesNotContain("missing", result.Stdout);
        foreach (var command in Commands)
        {
            Assert.Matches($@"(?m)^found    {System.Text.RegularExpressions.Regex.Escape(command)} +{System.Text.RegularExpressions.Regex.Escape(Path.Combine(bin, command))}$", result.Stdout);
        }
        Assert.Contains($"found    libvirt QEMU driver        {bin}/../lib/libvirt/connection-driver/libvirt_driver_qemu.so", result.Stdout);
        Assert.Contains($"found    OVMF with Microsoft keys   {firmware}/OVMF_CODE.ms.fd", result.Stdout);
    }

    [Fact]
    public void Debian_locations_appear_only_in_the_one_fallback()
    {
        var lines = File.ReadAllLines(Repository.PathOf("test.sh"));
        var start = Array.FindIndex(lines, line => line.StartsWith("debian_fallback() {", StringComparison.Ordinal));
        var end = Array.FindIndex(lines, start, line => line == "}");
        Assert.True(start >= 0 && end > start, "test.sh has no debian_fallback function");
        var outside = lines.Select((line, index) => (line, index))
            .Where(entry => (entry.index < start || entry.index > end) && !entry.line.TrimStart().StartsWith('#'))
            .Where(entry => entry.line.Contains("/usr/", StringComparison.Ordinal) || entry.line.Contains("x86_64-linux-gnu", StringComparison.Ordinal));
        Assert.Empty(outside);
    }
}
