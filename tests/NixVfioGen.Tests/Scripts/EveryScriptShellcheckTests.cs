using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Scripts;

/// <summary>
/// Every script the generator writes, for a covering array of the options that shape them: every pair of
/// values of any two options appears in at least one generated configuration (so, e.g., each --define
/// policy meets each disk kind). Each configuration's module is evaluated (all in one nix-instantiate,
/// scripts as store files the way NixOS writes them), every script is collected from it (unit scripts,
/// the initrd's, the libvirt hook, the setup ISO's build, the udev RUN+= programs) and shellcheck reads
/// all distinct ones in one run.
/// </summary>
public class EveryScriptShellcheckTests
{
    /// <summary>An option and its values; each value is the arguments it adds.</summary>
    private sealed record Factor(string Name, string[][] Levels);

    // A single-GPU VM comes with an input it owns (here a USB keyboard), as list-iommu suggests it:
    // without one, --guest-setup --single-gpu is refused (Setup could not be answered).
    private static readonly Factor[] Factors =
    [
        new("gpu", [["--ids", "1002:67df,1002:aaf0"], ["--ids", "10de:2484,10de:228b"]]),
        new("bind-at", [["--bind-at", "boot"], ["--bind-at", "specialisation"], ["--bind-at", "vm-start"], ["--bind-at", "vm-start", "--single-gpu", "--usb", "046d:c31c"]]),
        new("bind-by", [[], ["--bind-by", "address"]]),
        new("define", [[], ["--define"], ["--redefine"]]),
        new("disk", [[], ["--disk", "/var/lib/libvirt/images/win11.img"], ["--disk", "/dev/disk/by-id/nvme-Windows"]]),
        new("guest-setup", [[], ["--guest-setup", "--iso", "/var/lib/libvirt/images/Win11.iso"]]),
        new("isolate", [[], ["--vcpu-pin", "2,3", "--emulator-pin", "0,1"], ["--vcpu-pin", "2,3", "--emulator-pin", "0,1", "--isolate"]]),
        new("looking-glass", [["--looking-glass", "shm"], ["--looking-glass", "kvmfr"], ["--looking-glass", "none"]]),
        new("secure-boot-keys", [[], ["--secure-boot-keys", "microsoft"]]),
    ];

    /// <summary>Greedy all-pairs: repeatedly the configuration that covers the most pairs not yet covered.</summary>
    private static List<int[]> CoveringArray()
    {
        var all = new List<int[]> { Array.Empty<int>() };
        foreach (var factor in Factors)
        {
            all = all.SelectMany(prefix => Enumerable.Range(0, factor.Levels.Length).Select(level => (int[])[.. prefix, level])).ToList();
        }
        var uncovered = new HashSet<(int, int, int, int)>();
        for (var a = 0; a < Factors.Length; a++)
        {
            for (var b = a + 1; b < Factors.Length; b++)
            {
                for (var x = 0; x < Factors[a].Levels.Length; x++)
                {
                    for (var y = 0; y < Factors[b].Levels.Length; y++)
                    {
                        uncovered.Add((a, x, b, y));
                    }
                }
            }
        }
        IEnumerable<(int, int, int, int)> Pairs(int[] combination)
        {
            for (var a = 0; a < combination.Length; a++)
            {
                for (var b = a + 1; b < combination.Length; b++)
                {
                    yield return (a, combination[a], b, combination[b]);
                }
            }
        }
        var chosen = new List<int[]>();
        while (uncovered.Count > 0)
        {
            var best = all.MaxBy(combination => Pairs(combination).Count(uncovered.Contains))!;
            chosen.Add(best);
            uncovered.ExceptWith(Pairs(best));
        }
        return chosen;
    }

    private static string Describe(int[] combination) =>
        string.Join(' ', combination.SelectMany((level, factor) => Factors[factor].Levels[level]));

    /// <summary>A script and the shell it runs under.</summary>
    private sealed record Script(string Origin, string Shell, string Text);

    private static IEnumerable<Script> ScriptsOf(JsonElement module, string where)
    {
        if (module.Has("systemd.services"))
        {
            foreach (var unit in module.At("systemd.services").EnumerateObject().Where(unit => unit.Value.Has("script")))
            {
                // NixOS runs a unit's script with bash -e (systemd-lib.nix, makeJobScript).
                yield return new($"{where}unit {unit.Name}", "bash", "set -e\n" + unit.Value.At("script").GetString());
            }
        }
        if (module.Has("boot.initrd.systemd.services"))
        {
            foreach (var unit in module.At("boot.initrd.systemd.services").EnumerateObject())
            {
                yield return new($"{where}initrd unit {unit.Name}", "bash", "set -e\n" + unit.Value.At("content.script").GetString());
            }
        }
        if (module.Has("boot.initrd.preDeviceCommands"))
        {
            // The scripted initrd's stage 1 is busybox ash: POSIX sh.
            yield return new($"{where}preDeviceCommands", "sh", module.At("boot.initrd.preDeviceCommands.content").GetString()!);
        }
        if (module.Has("virtualisation.libvirtd.hooks.qemu"))
        {
            foreach (var hook in module.At("virtualisation.libvirtd.hooks.qemu").EnumerateObject())
            {
                yield return new($"{where}hook {hook.Name}", "bash", File.ReadAllText(hook.Value.GetString()!));
            }
        }
        if (module.Has("environment.etc"))
        {
            foreach (var file in module.At("environment.etc").EnumerateObject().Where(file => file.Name.EndsWith(".iso", StringComparison.Ordinal)))
            {
                // runCommand's script, run by stdenv's bash with $out in its environment.
                yield return new($"{where}build of {file.Name}", "bash", "out=/nix/store/stub-out\n" + file.Value.At("source").GetString()!);
            }
        }
        if (module.Has("services.udev.extraRules"))
        {
            foreach (var rule in module.At("services.udev.extraRules").GetString()!.Split('\n').Where(rule => rule.Contains("RUN+=\"", StringComparison.Ordinal)))
            {
                var program = rule[(rule.IndexOf("RUN+=\"", StringComparison.Ordinal) + 6)..].Split(' ', '"')[0];
                yield return new($"{where}udev RUN+= {Path.GetFileName(program)}", "bash", File.ReadAllText(program));
            }
        }
        if (module.Has("specialisation"))
        {
            foreach (var entry in module.At("specialisation").EnumerateObject())
            {
                foreach (var script in ScriptsOf(entry.Value.At("configuration"), $"specialisation {entry.Name}: "))
                {
                    yield return script;
                }
            }
        }
    }

    [Fact]
    public void Every_script_of_every_covered_option_combination_passes_shellcheck()
    {
        ExternalTool.Require("shellcheck", "shellcheck");
        ExternalTool.Require("nix-instantiate", "nix-bin");
        var combinations = CoveringArray();
        using var directory = new TempDirectory();
        var modules = new List<string>();
        foreach (var combination in combinations)
        {
            var args = combination.SelectMany((level, factor) => Factors[factor].Levels[level]).ToArray();
            var run = CliRun.Run([.. args, "--pci", "0000:23:00.0,0000:23:00.1", "--user", "alice"]);
            Assert.True(run.ExitCode == 0, $"{Describe(combination)}: {run.Stderr}");
            modules.Add(directory.File($"module{modules.Count}.nix", run.Stdout));
        }
        var stub = NixTool.StubFile(directory);
        var evaluation = ExternalTool.Run("nix-instantiate", ["--read-write-mode", "--eval", "--strict", "--json", directory.File("all.nix", $$"""
            let
              evaluate = modulePath: import {{stub}} { inherit modulePath; kernelVersion = "6.12.10"; realFiles = true; };
            in
            map evaluate [ {{string.Join(' ', modules)}} ]
            """)]);
        Assert.True(evaluation.ExitCode == 0, "nix-instantiate: " + evaluation.Stderr);
        var evaluated = JsonDocument.Parse(evaluation.Stdout).RootElement.EnumerateArray().ToArray();

        // Distinct scripts only, each remembering the first configuration that produced it.
        var distinct = new Dictionary<string, (Script Script, string Configuration)>();
        var origins = new HashSet<string>();
        for (var i = 0; i < combinations.Count; i++)
        {
            foreach (var script in ScriptsOf(evaluated[i], ""))
            {
                origins.Add(script.Origin.Split(' ')[0]);
                var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script.Shell + "\n" + script.Text)));
                distinct.TryAdd(key, (script, Describe(combinations[i])));
            }
        }
        // The covering array reaches every kind of script the generator writes.
        Assert.Superset(new HashSet<string> { "unit", "initrd", "preDeviceCommands", "hook", "build", "udev", "specialisation" }, origins);

        var files = distinct.Select(pair =>
            directory.File($"{pair.Key[..12]}.sh", $"#!/bin/{pair.Value.Script.Shell}\n{pair.Value.Script.Text}")).ToArray();
        var check = ExternalTool.Run("shellcheck", ["--severity=style", "--format=gcc", .. files]);
        var failures = check.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(line => Path.GetFileNameWithoutExtension(line[..line.IndexOf(':', StringComparison.Ordinal)]))
            .Select(group =>
            {
                var (script, configuration) = distinct.Single(pair => pair.Key.StartsWith(group.Key, StringComparison.Ordinal)).Value;
                return $"{script.Origin} (from {configuration}):\n  " + string.Join("\n  ", group.Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..]));
            })
            .ToArray();
        Assert.True(check.ExitCode == 0 && failures.Length == 0,
            $"shellcheck on {files.Length} distinct scripts of {combinations.Count} configurations:\n" + string.Join('\n', failures) + check.Stderr);
    }
}
