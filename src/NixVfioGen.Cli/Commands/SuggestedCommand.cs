using NixVfioGen.Input;
using NixVfioGen.Iommu;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>A suggestion from list-iommu spelled as the command line to run.</summary>
internal static class SuggestedCommand
{
    /// <summary>
    /// The command with its output redirected, then the same through the flake; <c>"$USER"</c> stands
    /// for whoever runs the VMs, which the shell fills in.
    /// </summary>
    public static string Format(Suggestion suggestion, InputCandidates inputs)
    {
        var options = Options(suggestion, inputs);
        return $"nix-vfio-gen {options} > vfio.nix\n       (or from the flake: nix run .#gen -- {options} > vfio.nix)";
    }

    /// <summary>The pinning and memory to add, from the host's CPUs and RAM, with why (or why none).</summary>
    public static string Tuning(NixVfioGen.Tuning.PinningSuggestion suggestion, int cpuCount)
    {
        var text = $"\nTuning for this host ({cpuCount} CPUs): {(suggestion.Options.Length > 0 ? suggestion.Options : "nothing to add")}\n  Why: {suggestion.Why}.\n";
        var extras = new[]
        {
            suggestion.Pinning is null ? null : "--isolate keeps host work off those CPUs while the VM runs",
            suggestion.Memory is null ? null : "--hugepages 1G backs its memory",
        }.OfType<string>().ToArray();
        return suggestion.Options.Length == 0 ? text
            : text + (suggestion.Pinning is not null ? "  Add them to the command above" : "  Add it to the command above") + (extras.Length > 0 ? "; " + string.Join(", ", extras) : "") + ".\n";
    }

    /// <summary>The command alone, for --json.</summary>
    public static string Command(Suggestion suggestion, InputCandidates inputs) => "nix-vfio-gen " + Options(suggestion, inputs);

    /// <summary>The keyboards, mice and USB devices a single-GPU VM can be given, after the verdicts.</summary>
    public static string Inputs(InputCandidates inputs) => inputs.Text("--evdev", "--usb");

    private static string Options(Suggestion suggestion, InputCandidates inputs)
    {
        var command = "--ids " + string.Join(',', suggestion.Ids) + " --pci " + string.Join(',', suggestion.Pci);
        if (suggestion.BindByAddress)
        {
            command += " --bind-by " + EnumNames.BindingModes.Name(BindingMode.Address);
        }
        if (suggestion.Platform != Platform.Auto)
        {
            command += " --platform " + suggestion.Platform.Name();
        }
        if (suggestion.SingleGpu)
        {
            // The GPU is the host's display: handed over only while the VM runs, the guest drawing on it
            // alone (no emulated adapter the firmware could pick, no Looking Glass client with no display
            // to show on), and the host's keyboard and mouse read by QEMU.
            command += " --bind-at " + EnumNames.BindAtSpelling.Name(BindAt.VmStart) + " --single-gpu --looking-glass "
                + EnumNames.LookingGlassModes.Name(LookingGlassMode.None) + " --video " + EnumNames.VideoModels.Name(VideoModel.None);
            if (inputs.KeyboardsAndMice.Count > 0)
            {
                command += " --evdev " + string.Join(',', inputs.KeyboardsAndMice);
            }
        }
        return command + " --user \"$USER\"";
    }
}
