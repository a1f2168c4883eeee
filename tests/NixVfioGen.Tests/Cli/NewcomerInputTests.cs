using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Cli;

/// <summary>The mistakes a newcomer makes pasting from lspci and writing files, each with what they get now.</summary>
public class NewcomerInputTests
{
    [Theory]
    [InlineData("[1002:67df]")]
    [InlineData(" [1002:67df] ")]
    public void An_id_pasted_from_lspci_with_its_brackets_is_accepted(string id) =>
        Assert.Contains("options vfio-pci ids=1002:67df\n", CliRun.Run(["module", "--ids", id]).Stdout);

    [Fact]
    public void Repeated_or_space_separated_ids_accumulate()
    {
        Assert.Contains("ids=1002:67df,1002:aaf0\n", CliRun.Run(["module", "--ids", "1002:67df", "--ids", "1002:aaf0"]).Stdout);
        Assert.Contains("ids=1002:67df,1002:aaf0\n", CliRun.Run(["module", "--ids", "1002:67df", "1002:aaf0"]).Stdout);
        var domain = CliRun.Run(["domain", "--pci", "0000:23:00.0", "--pci", "0000:23:00.1"]).Stdout;
        Assert.Contains("function=\"0x1\"", domain);
    }

    [Theory]
    [InlineData("1002:67df,1002:67df", null)]
    [InlineData("1002:67df", "[1002:67DF]")]
    public void A_repeated_id_counts_once(string ids, string? more)
    {
        var result = CliRun.Run(["module", "--ids", ids, .. more is null ? Array.Empty<string>() : ["--ids", more]]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("options vfio-pci ids=1002:67df\n", result.Stdout);
    }

    [Fact]
    public void Output_dash_is_stdout()
    {
        var result = CliRun.Run(["module", "--ids", "1002:67df", "-o", "-"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("options vfio-pci ids=1002:67df", result.Stdout);
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "-")));
    }

    [Fact]
    public void Output_into_a_missing_directory_creates_it_like_out_dir()
    {
        using var directory = new TempDirectory();
        var file = Path.Combine(directory.Path, "new", "dir", "vfio.nix");
        var result = CliRun.Run(["module", "--ids", "1002:67df", "-o", file]);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("# GPU passthrough host configuration", File.ReadAllText(file));
    }

    [Fact]
    public void A_write_error_names_the_users_file_in_words_not_a_resource_key_or_temp_file()
    {
        using var directory = new TempDirectory();
        var inTheWay = directory.File("a-file", "");
        CliAssert.RefusedWithLine(CliRun.Run(["module", "--ids", "1002:67df", "-o", Path.Combine(inTheWay, "vfio.nix")]),
            $"nix-vfio-gen: --output: cannot create '{inTheWay}': a part of the path is a file: '{inTheWay}'");
        Assert.Equal("", File.ReadAllText(inTheWay));
    }

    [Fact]
    public void Output_writes_through_a_symlink_and_keeps_the_files_mode()
    {
        using var directory = new TempDirectory();
        var target = directory.File("real.nix", "old\n");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var link = Path.Combine(directory.Path, "link.nix");
        File.CreateSymbolicLink(link, target);
        var result = CliRun.Run(["module", "--ids", "1002:67df", "-o", link]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(target, new FileInfo(link).ResolveLinkTarget(returnFinalTarget: true)!.FullName);
        Assert.StartsWith("# GPU passthrough host configuration", File.ReadAllText(target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(target));
    }

    [Fact]
    public void Output_run_as_root_keeps_the_files_owner()
    {
        if (ExternalTool.Run("id", ["-u"]).Stdout.Trim() != "0")
        {
            Assert.Skip("only root can give a file to another owner (CI runs as root)");
        }
        using var directory = new TempDirectory();
        var target = directory.File("vfio.nix", "old\n");
        Assert.Equal(0, ExternalTool.Run("chown", ["65534:65534", target]).ExitCode);
        var result = CliRun.Run(["module", "--ids", "1002:67df", "-o", target]);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("# GPU passthrough host configuration", File.ReadAllText(target));
        Assert.Equal("65534:65534", ExternalTool.Run("stat", ["-c", "%u:%g", target]).Stdout.Trim());
    }

    [Theory]
    [InlineData(new[] { "module", "--ids", "1002:67df", "--pci", "0000:01:00.0" }, "--pci is used by module only with --bind-by address; ignored here")]
    [InlineData(new[] { "domain", "--looking-glass", "none", "--shmem-size", "64" }, "--shmem-size sizes Looking Glass' shared memory, which --looking-glass none leaves out; ignored")]
    [InlineData(new[] { "domain", "--shmem-size", "64", "--resolution", "3840x2160" }, "--shmem-size 64 is below the 128 MiB Looking Glass needs for 3840x2160")]
    [InlineData(new[] { "domain", "--memory", "2G" }, "Windows 11 setup refuses less than 4GiB of memory (--memory 2GiB)")]
    [InlineData(new[] { "domain", "--vcpus", "1" }, "Windows 11 setup refuses fewer than 2 processors (--vcpus 1)")]
    public void An_option_without_effect_or_below_what_it_needs_gets_one_warning(string[] args, string warning)
    {
        var result = CliRun.Run(args);
        Assert.Equal(0, result.ExitCode);
        Assert.Single(result.Stderr.Split('\n'), line => line == "nix-vfio-gen: warning: " + warning || line.StartsWith("nix-vfio-gen: warning: " + warning, StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_get_no_warning() =>
        Assert.DoesNotContain("warning", CliRun.Run(["--ids", "1002:67df", "--pci", "0000:23:00.0", "--user", "alice"]).Stderr);

    [Fact]
    public void A_user_name_nixos_accepts_such_as_alice_smith_reaches_the_module_quoted()
    {
        var result = CliRun.Run(["module", "--ids", "1002:67df", "--user", "alice.smith"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("users.users.\"alice.smith\".extraGroups = [", result.Stdout);
        var evaluated = NixTool.EvaluateModule(result.Stdout);
        Assert.Equal(["libvirtd", "kvm", "qemu-libvirtd"],
            evaluated.GetProperty("users").GetProperty("users").GetProperty("alice.smith").GetProperty("extraGroups").EnumerateArray().Select(g => g.GetString()));
    }
}
