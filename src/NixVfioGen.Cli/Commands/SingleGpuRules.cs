using System.CommandLine;
using NixVfioGen.Cli.Options;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>
/// What cannot work when the VM takes the host's only display (--single-gpu): refused like any other
/// bad input. Only the root command knows both the host (--single-gpu) and the VM.
/// </summary>
internal static class SingleGpuRules
{
    public static void AddValidator(Command command, HostOptionSet host, DomainOptionSet domain, SharedOptionSet shared) => command.Validators.Add(result =>
    {
        if (!result.GetValue(host.SingleGpu) || !result.GetValue(domain.GuestSetup))
        {
            return;
        }
        // Windows Setup waits for a key to boot from the cdrom and for the edition; with the host's
        // display stopped, no SPICE console can answer, only an input the VM itself owns.
        if ((result.ValueFor(shared.Evdev) ?? []).Count == 0 && (result.ValueFor(domain.Usb) ?? []).Count == 0)
        {
            result.AddError("--guest-setup with --single-gpu: Setup waits for a key press and the Windows edition on the GPU's monitor, and with the host's display stopped only the VM's own input can answer: add --evdev KEYBOARD,MOUSE or --usb VENDOR:PRODUCT (nix-vfio-gen list-iommu --suggest lists them)");
        }
    });
}
