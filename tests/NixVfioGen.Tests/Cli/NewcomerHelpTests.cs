using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Cli;

/// <summary>Help, typos and paths as a newcomer meets them: grouped help, "did you mean", relative paths.</summary>
public class NewcomerHelpTests
{
    [Fact]
    public void No_arguments_prints_the_help()
    {
        var result = CliRun.Run([]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Equal(CliRun.Run(["--help"]).Stdout, result.Stdout);
        Assert.Contains("Usage:", result.Stdout);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("module")]
    [InlineData("domain")]
    public void Help_groups_the_options_with_the_essential_ones_first(string? command)
    {
        var help = CliRun.Run(command is null ? ["--help"] : [command, "--help"]).Stdout;
        var headings = help.Split('\n').Where(line => line.EndsWith(':') && !line.StartsWith(' ')).ToArray();
        Assert.Contains("Essential options:", headings);
        Assert.True(Array.IndexOf(headings, "Essential options:") < headings.Length - 1);
        // Every option sits under a heading of its own kind: none is left over for new options to hide in.
        Assert.DoesNotContain("Other options:", headings);
        Assert.DoesNotContain("Options:", headings);
        var essentials = help[help.IndexOf("Essential options:", StringComparison.Ordinal)..];
        essentials = essentials[..essentials.IndexOf("\n\n", StringComparison.Ordinal)];
        var order = new[] { "--ids", "--pci", "--user", "--platform", "--iso" }
            .Select(option => essentials.IndexOf("  " + option + " ", StringComparison.Ordinal))
            .Where(index => index >= 0)
            .ToArray();
        Assert.True(order.Length >= 2, essentials);
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public void Root_help_puts_ids_pci_user_platform_and_iso_first()
    {
        var help = CliRun.Run(["--help"]).Stdout;
        var options = System.Text.RegularExpressions.Regex.Matches(help, @"(?m)^  (?:-\w, )?(--[a-z-]+)").Select(match => match.Groups[1].Value).ToArray();
        Assert.Equal(["--ids", "--pci", "--user", "--platform", "--iso"], options[..5]);
    }

    [Fact]
    public void A_word_far_from_every_option_gets_no_guess() =>
        Assert.DoesNotContain("did you mean", CliRun.Run(["module", "--ids", "1002:67df", "--frobnicate"]).Stderr);

    [Theory]
    [InlineData("1GiB", "1G")]
    [InlineData("2MiB", "2M")]
    [InlineData("1g", "1G")]
    public void Hugepages_takes_the_units_memory_takes(string given, string meant)
    {
        var written = CliRun.Run(["domain", "--hugepages", given, "--memory", "16GiB"]);
        Assert.Equal(0, written.ExitCode);
        Assert.Equal(CliRun.Run(["domain", "--hugepages", meant, "--memory", "16GiB"]).Stdout, written.Stdout);
    }

    [Fact]
    public void A_relative_iso_and_disk_are_read_from_the_working_directory_and_said_so()
    {
        var result = CliRun.Run(["domain", "--iso", "Win11.iso", "--disk", "../vm/win11.qcow2"], workingDirectory: "/srv/isos");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("<source file=\"/srv/isos/Win11.iso\" />", result.Stdout);
        Assert.Contains("<source file=\"/srv/vm/win11.qcow2\" />", result.Stdout);
        Assert.Contains("nix-vfio-gen: note: --iso Win11.iso is /srv/isos/Win11.iso (relative to the working directory)\n", result.Stderr);
        Assert.Contains("nix-vfio-gen: note: --disk ../vm/win11.qcow2 is /srv/vm/win11.qcow2 (relative to the working directory)\n", result.Stderr);
        Assert.DoesNotContain("note: --iso", CliRun.Run(["domain", "--iso", "/srv/isos/Win11.iso"]).Stderr);
    }

    [Theory]
    [InlineData("--iso", "/home/alice/Downloads/Win11.iso")]
    [InlineData("--disk", "/root/win11.qcow2")]
    [InlineData("--virtio-iso", "/home/alice/virtio-win.iso")]
    public void A_path_in_a_home_directory_gets_a_warning(string option, string path)
    {
        var result = CliRun.Run(["--ids", "1002:67df", "--user", "alice", option, path]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"nix-vfio-gen: warning: {option} {path} is in a home directory, which QEMU cannot enter when it runs as qemu-libvirtd", result.Stderr);
        Assert.DoesNotContain("home directory", CliRun.Run(["--ids", "1002:67df", "--user", "alice", option, "/var/lib/libvirt/images/x"]).Stderr);
    }
}
