using System.Xml.Linq;
using NixVfioGen.Guest;
using NixVfioGen.Model;

namespace NixVfioGen.Tests.Robustness;

/// <summary>
/// --guest-user and --guest-locale are refused or come back exactly from autounattend.xml as an XML
/// parser reads it; rendering never throws (U+FFFF in an account name once ended in exit 70).
/// </summary>
[Trait("Category", "Robustness")]
public class GuestValueTests
{
    public static TheoryData<string> Options => new("--guest-user", "--guest-locale");

    [Theory]
    [MemberData(nameof(Options))]
    public void Guest_values_are_rejected_or_round_trip_through_autounattend(string option)
    {
        var inputs = DangerousStrings.Sample(DangerousStrings.Any, DangerousStrings.Count)
            .Concat(option == "--guest-user" ? ["Jürgen", "admin 2", "a\uFFFFb"] : ["de-DE", "sr-Latn-RS", "en-US\n"]).ToArray();
        var rejected = 0;
        var injections = new List<string>();
        foreach (var input in inputs)
        {
            GuestSetup setup;
            try
            {
                setup = option == "--guest-user"
                    ? GuestSetup.Defaults(WindowsAccountName.Parse(input))
                    : GuestSetup.Defaults(WindowsAccountName.Default) with { Locale = GuestLocale.Parse(input) };
            }
            catch (InvalidInputException)
            {
                rejected++;
                continue;
            }
            var document = XDocument.Parse(AutounattendBuilder.Render(AutounattendBuilder.Build(WindowsVersion.Windows11, setup, lookingGlassHost: true)));
            var values = document.Descendants(AutounattendBuilder.Unattend + (option == "--guest-user" ? "Name" : "InputLocale")).Select(e => e.Value);
            if (!values.Contains(input))
            {
                injections.Add(input);
            }
        }
        new RobustnessReport(option, inputs.Length, rejected, inputs.Length - rejected - injections.Count, injections.Count, 0).Write();
        Assert.Empty(injections);
    }
}
