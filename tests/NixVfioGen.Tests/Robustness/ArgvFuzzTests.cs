using CsCheck;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Robustness;

/// <summary>Random argument lists never crash: exit 0, 2 or 3, and a failure is one line with nothing on stdout.</summary>
[Trait("Category", "Robustness")]
public class ArgvFuzzTests
{
    private static readonly string[] Options =
    [
        "--ids", "--pci", "--platform", "--looking-glass", "--resolution", "--shmem-size", "--nixos", "--early-binding",
        "--ignore-msrs", "--user", "--bind-by", "--vm-name", "--windows", "--memory", "--vcpus", "--disk", "--iso",
        "--virtio-iso", "--hide-kvm", "--video", "--uuid", "--define", "--formatter", "--output", "--out-dir",
        "--json", "--suggest", "--sysfs-root", "--pci-ids", "--help", "--version", "--unknown", "-o", "--",
    ];

    private static readonly string[] Values =
    [
        "1002:67df", "1002:67df,1002:aaf0", "0000:23:00.0", "23:00.1", "amd", "intel", "kvmfr", "none", "shm", "1920x1080",
        "32", "25.05", "true", "false", "alice", "address", "ids", "11", "10", "8GiB", "4", "/var/lib/x.qcow2", "vga",
        "", " ", "-1", "0", "-32", "99999999999999999999", "4294967296", "1e9", "NaN", "@file", "--ids", "${x}", "\"",
        "x".PadRight(5000, 'x'), "1920x1080x", "0x0", "/nonexistent/dir/out.nix", "\n", "ü", "4dea22b3-1d52-4b5f-9f8e-8f1b5e7b2a10",
    ];

    private static readonly Gen<string[]> Argv =
        Gen.Frequency(
            (3, Gen.OneOf(Options)),
            (3, Gen.OneOf(Values)),
            (1, DangerousStrings.Any))
        .Array[0, 12]
        .SelectMany(arguments => Gen.OneOf<string?>(null, "module", "domain", "list-iommu", "bogus")
            .Select(command => command is null ? arguments : [command, .. arguments]));

    [Fact]
    public void Random_argument_lists_never_crash()
    {
        var tried = 0;
        var rejected = 0;
        Argv.Sample(args =>
        {
            // --output and --out-dir only ever aim at paths that cannot be created (not even by root: /proc takes no
            // new directories), so nothing is written although both create missing directories.
            var safe = args.Select(a => a.StartsWith('/') && !a.StartsWith("/proc/nonexistent", StringComparison.Ordinal) ? "/proc/nonexistent" + a : a).ToArray();
            var result = CliRun.Run(safe);
            Interlocked.Increment(ref tried);
            if (result.ExitCode == 2)
            {
                Interlocked.Increment(ref rejected);
            }
            var lines = result.Stderr.TrimEnd('\n').Split('\n');
            var ok = result.ExitCode switch
            {
                0 => !result.Stderr.Contains("   at ", StringComparison.Ordinal),
                2 => Record.Exception(() => CliAssert.RefusedWithOneLine(result)) is null,
                // IOMMU off: the GPUs on the bus may still be listed; stderr is the reason (and a pci.ids note).
                3 => lines.Length <= 2 && lines.All(line => line.StartsWith("nix-vfio-gen: ", StringComparison.Ordinal)),
                _ => false,
            };
            return ok;
        }, iter: DangerousStrings.Count, threads: 1, print: args => string.Join(" ", args.Select(a => $"[{a}]")));
        new RobustnessReport("argv sequences", tried, rejected, tried - rejected, 0, 0).Write();
    }
}
