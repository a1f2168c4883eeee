using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Robustness;

/// <summary>
/// Values a downstream reader would take for something else, or could not hold at all: refused as
/// input (exit 2, one line naming the option, nothing on stdout) rather than crashing a writer or
/// reaching virsh, systemd-tmpfiles or Windows Setup with another meaning.
/// </summary>
public class HostileValueTests
{
    private static readonly string[] GuestSetup = ["--ids", "1002:67df", "--guest-setup"];

    public static TheoryData<string[], string> Refused => new()
    {
        // XML 1.0 and the PowerShell script cannot carry U+FFFE/U+FFFF or a lone surrogate.
        { [.. GuestSetup, "--guest-user", "a\uFFFFb"], "--guest-user" },
        { [.. GuestSetup, "--guest-user", "a\uFFFEb"], "--guest-user" },
        { [.. GuestSetup, "--guest-user", "a\uD800b"], "--guest-user" },
        { ["--ids", "1002:67df", "--disk", "/a\uFFFF.qcow2"], "--disk" },
        { ["--ids", "1002:67df", "--iso", "/a\uDC00.iso"], "--iso" },
        // virsh reads these as a domain id or UUID, not a name.
        { ["--ids", "1002:67df", "--vm-name", "1"], "--vm-name" },
        { ["--ids", "1002:67df", "--vm-name", "007"], "--vm-name" },
        { ["--ids", "1002:67df", "--vm-name", "4dea22b3-1d52-4b5f-9f8e-8f1b5e7b2a10"], "--vm-name" },
        { ["--ids", "1002:67df", "--vm-name", "4dea-22b3-1d52-4b5f9f8e-8f1b5e7b2a10"], "--vm-name" },
        { ["doctor", "--root", "/nonexistent", "--vm-name", "42"], "--vm-name" },
        // systemd-tmpfiles reads an all-digit user as a UID.
        { ["module", "--ids", "1002:67df", "--user", "1000"], "--user" },
        { ["doctor", "--root", "/nonexistent", "--user", "0"], "--user" },
        // A pattern's '$' matches before a final newline; the value must end where the text ends.
        { [.. GuestSetup, "--guest-locale", "en-US\n"], "--guest-locale" },
        { [.. GuestSetup, "--guest-locale", "sr-Latn-RS\n"], "--guest-locale" },
        // No file has these names: a directory, or a name over NAME_MAX bytes.
        { ["--ids", "1002:67df", "--disk", "/var/lib/libvirt/images/"], "--disk" },
        { ["--ids", "1002:67df", "--iso", "/srv/isos/"], "--iso" },
        { ["--ids", "1002:67df", "--virtio-iso", "/srv/" + new string('v', 256) + ".iso"], "--virtio-iso" },
        // 128 two-byte characters are 256 bytes: the limit is in bytes, not characters.
        { ["--ids", "1002:67df", "--disk", "/srv/" + new string('é', 128)], "--disk" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Hostile_values_are_refused_with_one_line(string[] args, string option)
    {
        var result = CliRun.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"nix-vfio-gen: {option}: ", line);
    }

    public static TheoryData<string[]> StillAccepted => new()
    {
        { ["--ids", "1002:67df", "--vm-name", "win11"] },
        { ["--ids", "1002:67df", "--vm-name", "2024-gaming"] },
        // 36 characters but not 16 hex pairs: virsh reads it as a name.
        { ["--ids", "1002:67df", "--vm-name", "4dea22b3-1d52-4b5f-9f8e-8f1b5e7b2a1x"] },
        { ["module", "--ids", "1002:67df", "--user", "user1000"] },
        { [.. GuestSetup, "--guest-locale", "sr-Latn-RS"] },
        { [.. GuestSetup, "--guest-user", "Jürgen 𝄞"] },
        { ["--ids", "1002:67df", "--disk", "/srv/" + new string('v', 255)] },
    };

    [Theory]
    [MemberData(nameof(StillAccepted))]
    public void Names_near_the_edge_are_still_accepted(string[] args)
    {
        var result = CliRun.Run(args);
        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    /// <summary>No pattern in the sources ends in '$' (which .NET lets match before a final newline).</summary>
    [Fact]
    public void No_pattern_is_anchored_with_a_dollar()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select(line => (file, line)))
            .Where(entry => entry.line.Contains("Regex", StringComparison.Ordinal) && entry.line.Contains("$\"", StringComparison.Ordinal))
            .Select(entry => $"{Path.GetFileName(entry.file)}: {entry.line.Trim()}")
            .ToArray();
        Assert.Empty(offenders);
    }
}
