using NixVfioGen.Cli.Discovery;
using NixVfioGen.Tests.Doctor;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Robustness;

/// <summary>
/// list-iommu and doctor over trees anyone may have shaped: FIFOs, endless and sparse files, an
/// unreadable directory, links out of the root, null settings entries, escape sequences, and a virsh
/// that hangs or floods. Each ends with a clear line or finding (never exit 70, never a hang); the
/// 10 s test timeout is the hang check, not a timed assertion.
/// </summary>
public class HostileTreeTests
{
    private const string Gpu = "sys/devices/pci0000:00/0000:23:00.0";

    private static void Fifo(string path)
    {
        File.Delete(path);
        Assert.Equal(0, ExternalTool.Run("mkfifo", [path]).ExitCode);
    }

    private static void Sparse(string path)
    {
        File.Delete(path);
        Assert.Equal(0, ExternalTool.Run("truncate", ["-s", "3G", path]).ExitCode);
    }

    private static Task<CliRun.Result> Doctor(HostTree tree, string virshPath, TimeSpan? deadline = null, params string[] extra) =>
        Task.Run(() => CliRun.Run(["doctor", "--root", tree.Root, .. extra], libvirt: new VirshProbe(virshPath, deadline ?? TimeSpan.FromSeconds(8))));

    private static Task<CliRun.Result> ListIommu(HostTree tree, params string[] extra) =>
        Task.Run(() => CliRun.Run(["list-iommu", "--sysfs-root", tree.Root, .. extra]));

    [Theory(Timeout = 10_000)]
    [InlineData("vendor", "fifo")]
    [InlineData("vendor", "sparse")]
    [InlineData("boot_vga", "fifo")]
    [InlineData("class", "sparse")]
    public async Task A_hostile_sysfs_attribute_is_a_problem_on_its_device_not_a_hang(string attribute, string kind)
    {
        using var tree = new HostTree();
        var path = tree.PathOf($"{Gpu}/{attribute}");
        (kind == "fifo" ? (Action<string>)Fifo : Sparse)(path);

        var result = await ListIommu(tree);

        Assert.True(result.ExitCode == 0, result.Stderr);
        if (attribute != "boot_vga")
        {
            Assert.Contains(kind == "fifo" ? $"Problem: {attribute}: cannot be read (is a FIFO, not a regular file)" : $"Problem: {attribute}: cannot be read (is larger than 4096 bytes)", result.Stdout);
        }
    }

    [Theory(Timeout = 10_000)]
    [InlineData("fifo", "is a FIFO, not a regular file")]
    [InlineData("/dev/zero", "is a character device, not a regular file")]
    [InlineData("sparse", "is larger than 16777216 bytes")]
    public async Task A_hostile_pci_ids_is_one_line_and_exit_2(string kind, string reason)
    {
        using var tree = new HostTree();
        var pciIds = kind.StartsWith('/') ? kind : tree.PathOf("pci.ids");
        if (kind == "fifo")
        {
            Fifo(pciIds);
        }
        else if (kind == "sparse")
        {
            Sparse(pciIds);
        }

        var result = await ListIommu(tree, "--pci-ids", pciIds);

        CliAssert.RefusedWithLine(result, $"nix-vfio-gen: --pci-ids: '{pciIds}' cannot be read ({reason}); expected a pci.ids file (e.g. /usr/share/hwdata/pci.ids)");
    }

    [Fact(Timeout = 10_000)]
    public async Task An_unreadable_iommu_groups_directory_is_one_line_and_exit_2()
    {
        using var tree = new HostTree();
        File.SetUnixFileMode(tree.PathOf("sys/kernel/iommu_groups"), UnixFileMode.None);
        // Root reads any directory: run as an unprivileged user in a user namespace (unshare(1)).
        if (ExternalTool.Run("unshare", ["--user", "true"]).ExitCode != 0)
        {
            Assert.Skip("unshare --user is not permitted here, so no unprivileged run");
        }
        var result = await Task.Run(() => ExternalTool.Run("unshare", ["--user", CliProcess.Executable, "list-iommu", "--sysfs-root", tree.Root]));

        CliAssert.RefusedWithLine(result, "nix-vfio-gen: cannot read /sys/kernel/iommu_groups (permission denied or not a directory); run as a user who can read sysfs");
    }

    [Theory(Timeout = 10_000)]
    [InlineData("proc/cmdline")]
    [InlineData("proc/modules")]
    [InlineData("etc/passwd")]
    [InlineData("etc/group")]
    [InlineData("sys/bus/pci/devices/0000:23:00.0/reset_method")]
    [InlineData("etc/nix-vfio-gen/settings.json")]
    public async Task Doctor_over_a_fifo_finishes_with_findings_or_one_line(string relative)
    {
        using var tree = new HostTree().Healthy();
        using var virsh = new FakeVirsh();
        Fifo(tree.PathOf(relative));

        var result = await Doctor(tree, virsh.Path);

        if (relative.EndsWith("settings.json", StringComparison.Ordinal))
        {
            CliAssert.RefusedWithOneLine(result, "cannot be read (is a FIFO, not a regular file)");
        }
        else
        {
            Assert.True(result.ExitCode is 0 or 1, result.Stderr);
            Assert.Equal("", result.Stderr);
        }
    }

    [Theory(Timeout = 10_000)]
    [InlineData("""{"ids":[null]}""", "holds null in 'ids'")]
    [InlineData("""{"ids":["1002:67df"],"isos":[null]}""", "holds null in 'isos'")]
    [InlineData("DISK:/../../../../etc/shadow", "holds '/../../../../etc/shadow'")]
    public async Task Settings_the_module_never_writes_are_one_line_and_exit_2(string json, string message)
    {
        using var tree = new HostTree().Healthy();
        using var virsh = new FakeVirsh();
        var settings = tree.PathOf("etc/nix-vfio-gen/settings.json");
        // DISK:path: the healthy settings with that disk, every other member as the module writes it.
        tree.Write("etc/nix-vfio-gen/settings.json", json.StartsWith("DISK:", StringComparison.Ordinal)
            ? File.ReadAllText(settings).Replace("/var/lib/libvirt/images/win11.qcow2", json[5..], StringComparison.Ordinal)
            : json);

        var result = await Doctor(tree, virsh.Path);

        CliAssert.RefusedWithOneLine(result, message);
    }

    [Theory(Timeout = 10_000)]
    [InlineData("/etc/hostname")]
    [InlineData("../../../../../../../../../../../../etc/hostname")]
    public async Task A_disk_link_pointing_out_of_the_root_is_resolved_inside_it(string target)
    {
        using var tree = new HostTree().Healthy();
        using var virsh = new FakeVirsh();
        var disk = tree.PathOf("var/lib/libvirt/images/win11.qcow2");
        File.Delete(disk);
        File.CreateSymbolicLink(disk, target);
        Assert.True(File.Exists("/etc/hostname"), "the host has /etc/hostname, which the link would reach");

        var result = await Doctor(tree, virsh.Path);

        Assert.Contains("FAIL  disk: /var/lib/libvirt/images/win11.qcow2 does not exist", result.Stdout);
    }

    [Fact(Timeout = 10_000)]
    public async Task No_wrong_ok_for_a_fifo_disk_a_deleted_driver_or_an_unloading_module()
    {
        using var tree = new HostTree().Healthy();
        using var virsh = new FakeVirsh();
        Fifo(tree.PathOf("var/lib/libvirt/images/win11.qcow2"));
        Directory.Delete(tree.PathOf("sys/bus/pci/drivers/vfio-pci"), recursive: true);
        tree.Write("proc/modules", "vendor_reset 102400 0 - Unloading 0x0000000000000000\nvfio_pci 16384 2 - Live 0x0000000000000000\n");

        var result = await Doctor(tree, virsh.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL  disk: /var/lib/libvirt/images/win11.qcow2 is neither a disk image file nor a block device", result.Stdout);
        Assert.DoesNotContain("bound to vfio-pci", result.Stdout);
        Assert.Contains("FAIL  vendor-reset: module not loaded", result.Stdout);
    }

    [Fact(Timeout = 10_000)]
    public async Task Escape_sequences_from_pci_ids_sysfs_and_virsh_are_printed_escaped()
    {
        using var tree = new HostTree().Healthy();
        using var virsh = new FakeVirsh(domainState: "\u001b[2Jrunning");
        tree.Write("pci.ids", "1002  Evil\u001b[2J Corp\n\t67df  Screen\u001b]0;owned\u0007 Clearer\n");
        var evilDriver = "vfio\u001b[31m";
        Directory.Move(tree.PathOf("sys/bus/pci/drivers/i915"), tree.PathOf("sys/bus/pci/drivers/" + evilDriver));
        var link = tree.PathOf("sys/devices/pci0000:00/0000:00:02.0/driver");
        File.Delete(link);
        File.CreateSymbolicLink(link, "../../../bus/pci/drivers/" + evilDriver);

        var listed = await ListIommu(tree, "--pci-ids", tree.PathOf("pci.ids"));
        var doctored = await Doctor(tree, virsh.Path);

        Assert.DoesNotContain('\u001b', listed.Stdout);
        Assert.Contains("Evil\\x1b[2J Corp", listed.Stdout);
        Assert.Contains("vfio\\x1b[31m", listed.Stdout);
        Assert.DoesNotContain('\u001b', doctored.Stdout);
        Assert.Contains("\\x1b[2Jrunning", doctored.Stdout);
    }

    private static string Script(TempDirectory directory, string name, string body)
    {
        var path = directory.File(name, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static bool Running(string pidFile) =>
        File.Exists(pidFile) && File.ReadAllText(pidFile).Trim() is { Length: > 0 } pid && Directory.Exists($"/proc/{pid}")
        && !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');

    [Fact(Timeout = 10_000)]
    public async Task A_hanging_virsh_costs_one_deadline_and_leaves_nothing_running()
    {
        using var tree = new HostTree().Healthy();
        using var bin = new TempDirectory();
        var pids = Path.Combine(bin.Path, "child.pid");
        // uri answers, everything after it hangs in a child process that virsh started.
        Script(bin, "virsh", $"case \"$3\" in uri) echo \"$2\" ;; *) sleep 60 & echo $! > {pids}; wait ;; esac\n");

        var result = await Doctor(tree, bin.Path, TimeSpan.FromSeconds(3));

        Assert.True(result.ExitCode is 0 or 1, result.Stderr);
        Assert.Contains("vm win11", result.Stdout);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(Running(pids), "virsh's child is still running after doctor ended");
    }

    [Fact(Timeout = 10_000)]
    public async Task A_virsh_that_never_answers_uri_is_one_finding()
    {
        using var tree = new HostTree().Healthy();
        using var bin = new TempDirectory();
        Script(bin, "virsh", "sleep 60\n");

        var result = await Doctor(tree, bin.Path, TimeSpan.FromSeconds(2));

        Assert.Contains("no answer within 2 s", result.Stdout);
    }

    // It pipes megabytes through processes it starts; on a loaded machine that alone can take seconds.
    [Fact(Timeout = 30_000)]
    public async Task A_flooding_virsh_is_cut_at_the_cap_and_not_copied_to_stdout()
    {
        using var tree = new HostTree().Healthy();
        using var bin = new TempDirectory();
        // A 100 MB domain state; the other calls fail at once.
        Script(bin, "virsh", "case \"$3\" in uri) echo \"$2\" ;; domstate) head -c 100000000 /dev/zero | tr '\\0' x ;; *) exit 1 ;; esac\n");

        var result = await Doctor(tree, bin.Path);

        Assert.True(result.ExitCode is 0 or 1, result.Stderr);
        Assert.True(result.Stdout.Length < 100_000, $"{result.Stdout.Length} characters printed");
    }

    // Not a hostile tree: it starts the CLI as a process of its own, which takes longer on a loaded machine.
    [Fact(Timeout = 30_000)]
    public async Task Ctrl_c_stops_a_hung_formatter_and_everything_it_started()
    {
        using var bin = new TempDirectory();
        var pids = Path.Combine(bin.Path, "child.pid");
        Script(bin, "nixfmt", $"sleep 60 & echo $! > {pids}; wait\n");
        var start = new System.Diagnostics.ProcessStartInfo(CliProcess.Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "module", "--ids", "1002:67df", "--formatter", "nixfmt" })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PATH"] = bin.Path + ":/usr/bin:/bin";
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        while (!File.Exists(pids) || File.ReadAllText(pids).Trim().Length == 0)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, ExternalTool.Run("kill", ["-INT", process.Id.ToString()]).ExitCode);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(130, process.ExitCode);
        Assert.Equal("", await stdout);
        Assert.Equal("nix-vfio-gen: interrupted; nothing was written\n", await stderr);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(Running(pids), "the formatter's child is still running after Ctrl-C");
    }
}
