using NixVfioGen.Model;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Doctor;

/// <summary>doctor says when the running libvirtd predates the VM's hook (libvirt reads hooks only when it starts).</summary>
public class HookDoctorTests
{
    private static readonly HostOptions HandOff = HostTree.Host with { BindAt = BindAt.VmStart };

    // libvirtd (pid 4242, starttime 100000 ticks) started 1000 s after a boot at 1,700,000,000 s: 2023-11-14 22:30:00 UTC.
    private static HostTree Running(HostTree tree)
    {
        tree.Write("run/libvirtd.pid", "4242\n");
        tree.Write("proc/4242/stat", "4242 (libvirtd) S 1 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 17 0 100000 1 2 3\n");
        tree.Write("proc/stat", "cpu  1 2 3\nbtime 1700000000\n");
        return tree;
    }

    private static void Link(HostTree tree, long modified)
    {
        var directory = Path.Combine(tree.Root, "var/lib/libvirt/hooks/qemu.d");
        Directory.CreateDirectory(directory);
        var link = Path.Combine(directory, "nix-vfio-gen-win11");
        File.CreateSymbolicLink(link, "/nix/store/00000000000000000000000000000000-nix-vfio-gen-win11-hook");
        Assert.Equal(0, ExternalTool.Run("touch", ["-h", "-d", "@" + modified, link]).ExitCode);
    }

    private static string Doctor(HostTree tree) => CliRun.Run(["doctor", "--root", tree.Root]).Stdout;

    [Fact]
    public void A_hook_linked_after_libvirtd_started_is_a_failure_with_the_restart()
    {
        using var tree = Running(new HostTree().Healthy(HandOff));
        Link(tree, 1_700_002_000);
        var report = Doctor(tree);
        Assert.Contains("FAIL  hook nix-vfio-gen-win11: the running libvirtd (started 2023-11-14 22:30:00Z) predates its hook (installed 2023-11-14 22:46:40Z)", report);
        Assert.Contains("sudo systemctl restart libvirtd.service", report);
    }

    [Fact]
    public void No_hook_at_all_under_a_running_libvirtd_is_a_failure()
    {
        using var tree = Running(new HostTree().Healthy(HandOff));
        Assert.Contains("FAIL  hook nix-vfio-gen-win11: the running libvirtd has no such hook", Doctor(tree));
    }

    [Fact]
    public void A_hook_linked_before_libvirtd_started_is_ok()
    {
        using var tree = Running(new HostTree().Healthy(HandOff));
        Link(tree, 1_700_000_999);
        Assert.Contains("ok    hook nix-vfio-gen-win11: installed before the running libvirtd started", Doctor(tree));
    }

    [Fact]
    public void Without_a_running_libvirtd_or_a_hand_off_nothing_is_said()
    {
        using var stopped = new HostTree().Healthy(HandOff);
        Assert.DoesNotContain("hook ", Doctor(stopped));
        using var atBoot = Running(new HostTree().Healthy());
        Assert.DoesNotContain("hook ", Doctor(atBoot));
    }
}
