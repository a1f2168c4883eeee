using System.Text.Json;
using NixVfioGen.Tests.Support;
using Snapshooter.Xunit3;

namespace NixVfioGen.Tests.Iommu;

/// <summary>list-iommu over fixture sysfs trees (tests/fixtures/make-sysfs) and a small pci.ids.</summary>
public class ListIommuTests
{
    public static TheoryData<string> Trees => new("rx480", "nvidia", "shared", "identical", "broken");

    internal static CliRun.Result List(string tree, params string[] extra) =>
        CliRun.Run(["list-iommu", "--sysfs-root", Repository.PathOf($"tests/fixtures/sysfs/{tree}"),
            "--pci-ids", Repository.PathOf("tests/fixtures/pci.ids"), .. extra]);

    [Theory]
    [MemberData(nameof(Trees))]
    public void Text_output_matches_its_snapshot(string tree)
    {
        var result = List(tree, "--suggest");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Snapshot.Match(result.Stdout, "list-iommu_" + tree);
    }

    [Theory]
    [MemberData(nameof(Trees))]
    public void Json_output_matches_its_snapshot(string tree)
    {
        var result = List(tree, "--json");
        Assert.Equal(0, result.ExitCode);
        using var parsed = JsonDocument.Parse(result.Stdout);
        Snapshot.Match(result.Stdout, "list-iommu-json_" + tree);
    }

    [Fact]
    public void The_rx480_line_is_the_seed_scripts_line_and_the_suggestion_is_complete()
    {
        var output = List("rx480", "--suggest").Stdout;
        Assert.Contains("\nIOMMU Group 23 23:00.0 VGA compatible controller [0300]: Advanced Micro Devices, Inc. [AMD/ATI] Ellesmere [Radeon RX 470/480/570/570X/580/580X/590] [1002:67df] (rev c7)\n", output);
        Assert.Contains("\tKernel driver in use: amdgpu\n", output);
        // The only display controller: bound at boot it would leave a black screen, so the command hands it over at VM start (issue 20).
        const string single = "--bind-at vm-start --single-gpu --looking-glass none --video none";
        Assert.Contains($"Run: nix-vfio-gen --ids 1002:67df,1002:aaf0 --pci 0000:23:00.0,0000:23:00.1 --platform amd {single} --user \"$USER\" > vfio.nix\n", output);
        Assert.Contains($"(or from the flake: nix run .#gen -- --ids 1002:67df,1002:aaf0 --pci 0000:23:00.0,0000:23:00.1 --platform amd {single} --user \"$USER\" > vfio.nix)\n", output);
        Assert.Contains("It is the only display controller", output);
    }

    [Fact]
    public void Groups_are_in_numeric_and_devices_in_address_order()
    {
        var lines = List("rx480").Stdout.Split('\n').Where(l => l.StartsWith("IOMMU Group", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["0", "1", "22", "23", "23", "23"], lines.Select(l => l.Split(' ')[2]));
        Assert.Equal(["00:03.1", "23:00.0", "23:00.1"], lines.Skip(3).Select(l => l.Split(' ')[3]));
    }

    [Fact]
    public void Four_function_nvidia_cards_pass_every_function_of_the_slot()
    {
        var output = List("nvidia", "--suggest").Stdout;
        Assert.Contains("--ids 10de:2484,10de:228b,10de:1aec,10de:1aed --pci 0000:01:00.0,0000:01:00.1,0000:01:00.2,0000:01:00.3 --user \"$USER\" > vfio.nix\n", output);
    }

    [Fact]
    public void A_shared_group_names_the_sata_controller_and_suggests_nothing()
    {
        var output = List("shared", "--suggest").Stdout;
        Assert.Contains("not isolated", output);
        Assert.Contains("0b:00.0 SATA controller [0106]", output);
        Assert.Contains("ACS override", output);
        Assert.DoesNotContain("Run:", output);
    }

    [Fact]
    public void Identical_gpus_are_flagged_and_bound_by_address()
    {
        var output = List("identical", "--suggest").Stdout;
        Assert.Contains("--ids 10de:1b80,10de:10f0 --pci 0000:01:00.0,0000:01:00.1 --bind-by address --user \"$USER\" > vfio.nix\n", output);
        Assert.Contains("Identical ids elsewhere (0000:02:00.0 [10de:1b80], 0000:02:00.1 [10de:10f0])", output);
    }

    [Fact]
    public void Damaged_devices_are_reported_and_the_rest_still_listed()
    {
        var output = List("broken", "--suggest").Stdout;
        Assert.Contains("\tProblem: vendor: '0xzz' is not a hex value\n", output);
        Assert.Contains("\tProblem: device: cannot be read (is a directory, not a regular file)\n", output);
        Assert.Contains("\tProblem: class: missing\n", output);
        Assert.Contains("\tProblem: driver: link to 'gone' is broken\n", output);
        Assert.Contains("IOMMU Group 5 05:00.0", output);
        Assert.Contains("\tProblem: in an IOMMU group but not under /sys/bus/pci/devices\n", output);
        Assert.Contains("IOMMU Group 4 04:00.0 Ethernet controller [0200]", output);
        Assert.Contains("No command: the ids of some functions", output);
    }

    [Fact]
    public void No_groups_means_the_iommu_is_off_exit_3_with_one_line()
    {
        var result = List("empty");
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("No display controller (PCI class 03xx) found on the PCI bus.\n", result.Stdout);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("VT-d", line);
        Assert.Contains("AMD-Vi", line);
        Assert.Contains("not visible here", line);
    }

    [Fact]
    public void With_the_iommu_off_the_gpus_are_still_listed_with_a_command_to_run()
    {
        var result = List("iommu-off", "--suggest");
        Assert.Equal(3, result.ExitCode);
        Snapshot.Match(result.Stdout, "list-iommu_iommu-off");
        Assert.Contains("01:00.0 VGA compatible controller [0300]: Advanced Micro Devices, Inc. [AMD/ATI] Ellesmere", result.Stdout);
        Assert.Contains("Run: nix-vfio-gen --ids 1002:67df,1002:aaf0 --pci 0000:01:00.0,0000:01:00.1 --platform intel --user \"$USER\" > vfio.nix\n", result.Stdout);
        Assert.Contains("boot GPU (boot_vga = 1)", result.Stdout);
        // The boot GPU is the CPU's integrated graphics: no command for it, the reason instead.
        Assert.DoesNotContain("--pci 0000:00:02.0", result.Stdout);
        Assert.Contains("  No command: it is the CPU's integrated Intel graphics", result.Stdout);
        // An Intel host: the line names VT-d and intel_iommu=on, not AMD's setting.
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("VT-d", line);
        Assert.DoesNotContain("AMD-Vi", line);
    }

    [Theory]
    [InlineData("/nonexistent-root")]
    [InlineData("tests/fixtures/pci.ids")]
    [InlineData("tests/fixtures/sysfs/rx480/sys")]
    public void A_root_that_is_not_a_sysfs_tree_is_a_usage_error(string root) =>
        CliAssert.RefusedWithOneLine(CliRun.Run(["list-iommu", "--sysfs-root", root.StartsWith('/') ? root : Repository.PathOf(root)]), "--sysfs-root");

    [Fact]
    public void Without_pci_ids_the_ids_are_shown_with_one_note()
    {
        var result = CliRun.Run(["list-iommu", "--sysfs-root", Repository.PathOf("tests/fixtures/sysfs/rx480")], pciIdsSearchPaths: ["/nonexistent/pci.ids"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("IOMMU Group 23 23:00.0 Class [0300]: Device [1002:67df] (rev c7)\n", result.Stdout);
        Assert.Contains("no pci.ids database", Assert.Single(result.Stderr.TrimEnd('\n').Split('\n')));
    }

    [Fact]
    public void The_search_paths_find_the_first_existing_database()
    {
        var result = CliRun.Run(["list-iommu", "--sysfs-root", Repository.PathOf("tests/fixtures/sysfs/rx480")],
            pciIdsSearchPaths: ["/nonexistent/pci.ids", Repository.PathOf("tests/fixtures/pci.ids")]);
        Assert.Contains("Ellesmere", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void A_named_pci_ids_file_that_is_missing_is_an_error() =>
        CliAssert.RefusedWithOneLine(CliRun.Run(["list-iommu", "--sysfs-root", Repository.PathOf("tests/fixtures/sysfs/rx480"), "--pci-ids", "/nonexistent/pci.ids"]),
            "--pci-ids: '/nonexistent/pci.ids'");

    [Fact]
    public void After_the_reboot_the_gpu_is_reported_bound_and_the_host_gpu_as_the_boot_gpu()
    {
        var output = List("bound", "--suggest").Stdout;
        Assert.Contains("IOMMU group 23: can be passed through; pass all functions of its slot: 0000:23:00.0, 0000:23:00.1.\n  Already bound to vfio-pci.\n", output);
        Assert.Contains("IOMMU group 1: not offered for passthrough: it is the CPU's integrated Intel graphics, which needs QEMU's IGD assignment", output);
        Assert.Contains("that nix-vfio-gen does not generate; keep it for the host's display and pass a discrete GPU.\n  This is the boot GPU (boot_vga = 1): the host's display.\n", output);
        Assert.DoesNotContain("binding it at boot leaves the host without this display", output);
        Assert.Contains("--platform intel", output);
    }

    /// <summary>
    /// The CPU's integrated Intel graphics (8086:3e98 at 00:02.0, the boot GPU in both trees) gets no command:
    /// its passthrough is QEMU's IGD assignment (docs/igd-assign.txt), which the generator does not build.
    /// The discrete card beside it keeps exactly the command it had.
    /// </summary>
    [Theory]
    [InlineData("bound", "--ids 1002:67df,1002:aaf0 --pci 0000:23:00.0,0000:23:00.1 --platform intel --user \"$USER\"")]
    [InlineData("iommu-off", "--ids 1002:67df,1002:aaf0 --pci 0000:01:00.0,0000:01:00.1 --platform intel --user \"$USER\"")]
    public void An_integrated_intel_gpu_gets_no_command_and_the_reason_instead(string tree, string discrete)
    {
        var text = List(tree, "--suggest").Stdout;
        var runs = text.Split('\n').Where(l => l.TrimStart().StartsWith("Run:", StringComparison.Ordinal)).ToArray();
        Assert.Equal([$"  Run: nix-vfio-gen {discrete} > vfio.nix"], runs);
        Assert.Contains("it is the CPU's integrated Intel graphics", text);
        Assert.DoesNotContain("--single-gpu", text);
        Assert.DoesNotContain("Keyboard and mouse", text);

        using var json = JsonDocument.Parse(List(tree, "--json", "--suggest").Stdout);
        var gpus = json.RootElement.GetProperty("gpus");
        Assert.Equal("0000:00:02.0", gpus[0].GetProperty("address").GetString());
        Assert.Equal(JsonValueKind.Null, gpus[0].GetProperty("command").ValueKind);
        Assert.StartsWith("it is the CPU's integrated Intel graphics, which needs QEMU's IGD assignment", gpus[0].GetProperty("noCommand").GetString());
        Assert.Equal("nix-vfio-gen " + discrete, gpus[1].GetProperty("command").GetString());
        Assert.False(gpus[1].TryGetProperty("noCommand", out _));
    }

    [Fact]
    public void An_intel_discrete_gpu_keeps_its_command()
    {
        // The Arc A770 sits behind a PCIe port (bus 0e), not on the root bus: a discrete card like any other.
        var output = List("nvidia", "--suggest").Stdout;
        Assert.Contains("IOMMU group 17: can be passed through; pass all functions of its slot: 0000:0e:00.0.\n  Run: nix-vfio-gen --ids 8086:56a0 --pci 0000:0e:00.0 --user \"$USER\" > vfio.nix\n", output);
    }

    [Fact]
    public void A_pci_ids_path_that_is_a_directory_is_named_as_one() =>
        CliAssert.RefusedWithOneLine(CliRun.Run(["list-iommu", "--sysfs-root", Repository.PathOf("tests/fixtures/sysfs/rx480"), "--pci-ids", Repository.PathOf("tests/fixtures")]),
            "is a directory; expected a pci.ids file");

    [Theory]
    [InlineData("amd-6c12t", "--vcpu-pin 1,7,2,8,3,9,4,10,5,11 --emulator-pin 0,6 --memory 24GiB")]
    [InlineData("amd-16c-2ccd", "--vcpu-pin 8,24,9,25,10,26,11,27,12,28,13,29,14,30,15,31 --emulator-pin 0,16 --memory 48GiB")]
    [InlineData("intel-8p16e", "--vcpu-pin 2,3,4,5,6,7,8,9,10,11,12,13,14,15 --emulator-pin 0-1 --memory 48GiB")]
    [InlineData("laptop-2c4t", "--vcpu-pin 1,3 --emulator-pin 0,2 --memory 4GiB")]
    public void Tuning_is_suggested_from_the_real_topology(string tree, string options)
    {
        var root = Repository.PathOf($"tests/fixtures/cpus/{tree}");
        var result = CliRun.Run(["list-iommu", "--sysfs-root", root, "--pci-ids", Repository.PathOf("tests/fixtures/pci.ids"), "--suggest"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(": " + options + "\n", result.Stdout);
        // The suggestion is a valid domain: libvirt's schema and parser take it.
        var domain = CliRun.Run(["domain", "--pci", "0000:23:00.0", .. options.Split(' ')]);
        Assert.Equal(0, domain.ExitCode);
        Libvirt.AssertAccepted(domain.Stdout);
    }

    [Theory]
    [InlineData("empty", 3, new string[0])]
    [InlineData("iommu-off", 3, new string[0])]
    [InlineData("iommu-off", 3, new[] { "--suggest" })]
    [InlineData("rx480", 0, new[] { "--suggest" })]
    public void Json_mode_is_json_in_every_case(string tree, int exitCode, string[] extra)
    {
        var result = List(tree, ["--json", .. extra]);
        Assert.Equal(exitCode, result.ExitCode);
        using var parsed = JsonDocument.Parse(result.Stdout);
        var report = parsed.RootElement;
        Assert.Equal(JsonValueKind.Array, report.GetProperty("groups").ValueKind);
        if (exitCode == 3)
        {
            Assert.Contains("no IOMMU groups", report.GetProperty("problem").GetString());
            Assert.All(report.GetProperty("gpus").EnumerateArray(), gpu => Assert.Equal(JsonValueKind.Null, gpu.GetProperty("isolated").ValueKind));
        }
        if (tree == "iommu-off")
        {
            Assert.Equal("nix-vfio-gen --ids 1002:67df,1002:aaf0 --pci 0000:01:00.0,0000:01:00.1 --platform intel --user \"$USER\"",
                report.GetProperty("gpus")[1].GetProperty("command").GetString());
        }
    }

    [Fact]
    public void Json_tuning_is_a_field_not_text()
    {
        var root = Repository.PathOf("tests/fixtures/cpus/laptop-2c4t");
        var result = CliRun.Run(["list-iommu", "--sysfs-root", root, "--pci-ids", Repository.PathOf("tests/fixtures/pci.ids"), "--suggest", "--json"]);
        using var parsed = JsonDocument.Parse(result.Stdout);
        var tuning = parsed.RootElement.GetProperty("tuning");
        Assert.Equal(4, tuning.GetProperty("cpus").GetInt32());
        Assert.Equal("--vcpu-pin 1,3 --emulator-pin 0,2 --memory 4GiB", tuning.GetProperty("options").GetString());
    }

    [Fact]
    public void A_two_cpu_host_gets_no_pinning_the_generator_would_warn_about_and_is_told_why()
    {
        var root = Repository.PathOf("tests/fixtures/cpus/dual-core");
        var result = CliRun.Run(["list-iommu", "--sysfs-root", root, "--pci-ids", Repository.PathOf("tests/fixtures/pci.ids"), "--suggest"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\nTuning for this host (2 CPUs): --memory 4GiB\n", result.Stdout);
        Assert.Contains("no pinning: with core 0 left to the host, 1 CPU would be the guest's, and Windows 11 needs 2", result.Stdout);
        Assert.DoesNotContain("--vcpu-pin", result.Stdout);
        // What is suggested, the generator takes without a warning.
        var domain = CliRun.Run(["domain", "--pci", "0000:23:00.0", "--memory", "4GiB"]);
        Assert.DoesNotContain("warning", domain.Stderr);
    }

    [Fact]
    public void The_two_ccd_suggestion_keeps_ccd0_and_core_0_for_the_host()
    {
        var output = CliRun.Run(["list-iommu", "--sysfs-root", Repository.PathOf("tests/fixtures/cpus/amd-16c-2ccd"),
            "--pci-ids", Repository.PathOf("tests/fixtures/pci.ids"), "--suggest"]).Stdout;
        Assert.Contains("Why: one L3 cache (CCD) of its own; 8 whole cores with their SMT siblings together; core 0 (0,16) left to the host", output);
    }
}
