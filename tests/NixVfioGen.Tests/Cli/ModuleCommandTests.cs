using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Cli;

public class ModuleCommandTests
{
    private static readonly string[] Acceptance = ["module", "--ids", "1002:67df,1002:aaf0", "--platform", "amd", "--user", "alice"];

    [Fact]
    public void The_acceptance_invocation_prints_a_correct_module()
    {
        var result = CliRun.Run(Acceptance);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Contains("\"iommu=pt\"", result.Stdout);
        Assert.Contains("options vfio-pci ids=1002:67df,1002:aaf0\n", result.Stdout);
        Assert.DoesNotContain("amd_iommu", result.Stdout);
        // vfio_virqfd only ever appears behind the kernel version check.
        Assert.Single(result.Stdout.Split('\n'), line => line.Contains("vfio_virqfd") && !line.TrimStart().StartsWith('#'));
        Assert.Contains("++ lib.optional (lib.versionOlder kernelVersion \"6.2\") \"vfio_virqfd\";", result.Stdout);
        var parsed = NixTool.Parse(result.Stdout);
        Assert.True(parsed.ExitCode == 0, parsed.Stderr);
    }

    [Fact]
    public void Ids_are_normalised_to_lower_case() =>
        Assert.Contains("ids=10de:1b80,10de:10f0\n", CliRun.Run(["module", "--ids", "10DE:1B80,10de:10F0"]).Stdout);

    [Fact]
    public void Without_a_user_a_note_names_the_groups()
    {
        var result = CliRun.Run(["module", "--ids", "1002:67df"]);
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("users.users", result.Stdout);
        Assert.Contains("libvirtd, kvm and qemu-libvirtd", result.Stderr);
    }

    [Fact]
    public void Same_arguments_give_the_same_bytes()
    {
        var first = CliRun.Run(Acceptance).Stdout;
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(first, CliRun.Run(Acceptance).Stdout);
        }
    }

    [Fact]
    public void Output_file_is_written_whole_and_stdout_stays_empty()
    {
        using var directory = new TempDirectory();
        var target = Path.Combine(directory.Path, "vfio.nix");
        var result = CliRun.Run([.. Acceptance, "--output", target]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal(CliRun.Run(Acceptance).Stdout, File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Output_file_is_untouched_when_an_argument_is_bad()
    {
        using var directory = new TempDirectory();
        var target = directory.File("vfio.nix", "# my existing config\n");
        CliAssert.RefusedWithOneLine(CliRun.Run(["module", "--ids", "1002:zzzz", "--output", target]), "--ids: '1002:zzzz'");
        Assert.Equal("# my existing config\n", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(directory.Path));
    }

    [Theory]
    [InlineData("/proc/nix-vfio-gen-test-vfio.nix", "/proc")]
    [InlineData("/proc/1/nix-vfio-gen-test-vfio.nix", "/proc/1")]
    public void An_output_into_a_directory_that_takes_no_new_files_says_so_and_leaves_no_temp_file(string target, string directory)
    {
        // /proc takes no new files, not even from root (a missing directory would be created, like --out-dir's).
        // The reason is the directory's, not a file "another program removed" (what the old message claimed).
        var line = CliAssert.RefusedWithOneLine(CliRun.Run([.. Acceptance, "--output", target]), target);
        Assert.Contains($"the directory '{directory}' accepts no new files", line);
        Assert.DoesNotContain("removed", line);
        Assert.DoesNotContain(Directory.GetFileSystemEntries(directory), entry => entry.Contains("nix-vfio-gen", StringComparison.Ordinal));
    }

    [Fact]
    public void An_out_dir_that_takes_no_new_files_says_so()
    {
        var line = CliAssert.RefusedWithOneLine(CliRun.Run(["--ids", "1002:67df", "--formatter", "none", "--out-dir", "/proc"]), "/proc/");
        Assert.Contains("the directory '/proc' accepts no new files", line);
        Assert.DoesNotContain("removed", line);
    }

    [Theory]
    [InlineData("--out-dir", "/proc/nix-vfio-gen-test-dir")]
    [InlineData("--output", "/proc/nix-vfio-gen-test-dir/vfio.nix")]
    public void A_directory_that_cannot_be_created_names_the_one_that_refused(string option, string target)
    {
        // procfs makes no new entries: mkdir fails with ENOENT although /proc is there (fs/proc/generic.c).
        var line = CliAssert.RefusedWithOneLine(CliRun.Run(["--ids", "1002:67df", "--formatter", "none", option, target]), "/proc/nix-vfio-gen-test-dir");
        Assert.Contains("'/proc' accepts no new directories", line);
        Assert.DoesNotContain("permission denied or a part of the path is a file", line);
    }

    [Fact]
    public void A_kernel_file_that_refuses_the_text_is_named_once_with_the_reason()
    {
        // /proc/version exists and is opened for writing, then refuses the text (EIO): written into, not replaced.
        var line = CliAssert.RefusedWithOneLine(CliRun.Run([.. Acceptance, "--output", "/proc/version"]), "cannot write '/proc/version'");
        Assert.Contains("refused the text; choose a regular file", line);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(line, "/proc/version"));
    }

    [Fact]
    public void A_read_only_mount_is_named_as_such_without_the_tools_temp_name()
    {
        using var directory = new TempDirectory();
        var mounted = ExternalTool.Run("mount", ["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", directory.Path]);
        if (mounted.ExitCode != 0)
        {
            Assert.Skip("needs to mount a read-only tmpfs (root; CI runs as root): " + mounted.Stderr.Trim());
        }
        try
        {
            var target = Path.Combine(directory.Path, "vfio.nix");
            var line = CliAssert.RefusedWithOneLine(CliRun.Run([.. Acceptance, "--output", target]), target);
            Assert.Contains($"the directory '{directory.Path}' accepts no new files (read-only file system)", line);
            Assert.DoesNotContain("~nix-vfio-gen", line);
            // A directory to be made there: the mount is named, not "permission denied".
            var nested = Path.Combine(directory.Path, "sub", "vfio.nix");
            var created = CliAssert.RefusedWithOneLine(CliRun.Run([.. Acceptance, "--output", nested]), Path.Combine(directory.Path, "sub"));
            Assert.Contains($"the directory '{directory.Path}' accepts no new directories (read-only file system)", created);
        }
        finally
        {
            Assert.Equal(0, ExternalTool.Run("umount", [directory.Path]).ExitCode);
        }
    }

    [Fact]
    public void Sysfs_refusing_a_new_file_is_named_as_the_directorys_refusal()
    {
        // sysfs directories have no create operation: EACCES, for root too; "run with the rights" would not help root.
        var line = CliAssert.RefusedWithOneLine(CliRun.Run([.. Acceptance, "--output", "/sys/nix-vfio-gen-test-vfio.nix"]), "/sys/nix-vfio-gen-test-vfio.nix");
        Assert.Contains("permission denied", line);
        if (NixVfioGen.Tests.Support.ExternalTool.Run("id", ["-u"]).Stdout.Trim() == "0")
        {
            Assert.Contains("the directory '/sys' accepts no new files, not even from root", line);
        }
    }

    [Fact]
    public void An_output_path_under_a_file_is_an_error_and_changes_nothing()
    {
        using var directory = new TempDirectory();
        var blocker = directory.File("not-a-directory", "keep me\n");
        CliAssert.RefusedWithOneLine(CliRun.Run([.. Acceptance, "--output", Path.Combine(blocker, "vfio.nix")]), blocker);
        Assert.Equal("keep me\n", File.ReadAllText(blocker));
        Assert.Equal([blocker], Directory.GetFileSystemEntries(directory.Path));
    }
}
