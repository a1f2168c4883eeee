using System.Diagnostics;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Cli;

/// <summary>Same arguments, same bytes: across runs, working directories, locales, time zones and environments.</summary>
public class DeterminismTests
{
    public static TheoryData<string[]> Commands => new()
    {
        new[] { "--ids", "1002:67df,1002:aaf0", "--pci", "0000:23:00.0,0000:23:00.1", "--define", "--user", "alice" },
        new[] { "module", "--ids", "1002:67df", "--looking-glass", "kvmfr", "--platform", "intel" },
        new[] { "domain", "--pci", "0000:23:00.0,0000:23:00.1", "--windows", "10", "--hide-kvm" },
        new[] { "list-iommu", "--sysfs-root", Repository.PathOf("tests/fixtures/sysfs/nvidia"), "--pci-ids", Repository.PathOf("tests/fixtures/pci.ids"), "--json" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_hundred_runs_give_identical_bytes(string[] args)
    {
        var first = CliRun.Run(args);
        Assert.Equal(0, first.ExitCode);
        for (var i = 0; i < 99; i++)
        {
            Assert.Equal(first.Stdout, CliRun.Run(args).Stdout);
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Output_does_not_depend_on_directory_locale_time_zone_or_environment(string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "nix-vfio-gen.dll");
        string RunWith(string directory, IDictionary<string, string?> environment)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
            start.ArgumentList.Add(cli);
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            start.Environment["PATH"] = "/usr/bin:/bin:" + Path.GetDirectoryName(Environment.ProcessPath);
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return stdout;
        }
        using var elsewhere = new TempDirectory();
        var reference = RunWith(Repository.Root, new Dictionary<string, string?> { ["LANG"] = "C", ["TZ"] = "UTC" });
        Assert.NotEqual("", reference);
        Assert.Equal(reference, RunWith(elsewhere.Path, new Dictionary<string, string?>
        {
            ["LANG"] = "tr_TR.UTF-8",
            ["LC_ALL"] = "de_DE.UTF-8",
            ["TZ"] = "Pacific/Chatham",
            ["HOME"] = elsewhere.Path,
            ["NIX_VFIO_GEN_PCI_IDS"] = null,
            ["SOME_OTHER_VARIABLE"] = "x",
        }));
    }
}
