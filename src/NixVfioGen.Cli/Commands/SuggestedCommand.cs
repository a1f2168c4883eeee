using NixVfioGen.Iommu;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>A suggestion from list-iommu spelled as the command line to run.</summary>
internal static class SuggestedCommand
{
    public static string Format(Suggestion suggestion)
    {
        var command = "nix-vfio-gen --ids " + string.Join(',', suggestion.Ids) + " --pci " + string.Join(',', suggestion.Pci);
        if (suggestion.BindByAddress)
        {
            command += " --bind-by " + EnumNames.BindingModes.Name(BindingMode.Address);
        }
        if (suggestion.Platform != Platform.Auto)
        {
            command += " --platform " + suggestion.Platform.Name();
        }
        return command;
    }
}
