using NixVfioGen.Guest;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Guest;

/// <summary>
/// Windows runs the first-logon script with Windows PowerShell 5.1, not PowerShell 7. PowerShell's own parser
/// (pwsh) walks the script's syntax tree here, and every node, operator, command, parameter and type must be
/// on the explicit 5.1 lists below (PSScriptAnalyzer's compatibility rules are not served by the registries
/// here). A list grows only with something checked against Windows PowerShell 5.1's documentation.
/// </summary>
public class WindowsPowerShell51Tests
{
    /// <summary>Syntax tree node types Windows PowerShell 5.1's parser has (System.Management.Automation.Language, 5.1).</summary>
    private static readonly HashSet<string> Syntax =
    [
        "ScriptBlockAst", "NamedBlockAst", "StatementBlockAst", "PipelineAst", "CommandAst", "CommandExpressionAst",
        "CommandParameterAst", "StringConstantExpressionAst", "ExpandableStringExpressionAst", "ConstantExpressionAst",
        "VariableExpressionAst", "AssignmentStatementAst", "IfStatementAst", "WhileStatementAst", "ForEachStatementAst",
        "TryStatementAst", "CatchClauseAst", "ThrowStatementAst", "ReturnStatementAst", "BreakStatementAst",
        "FunctionDefinitionAst", "ParameterAst", "TypeConstraintAst", "BinaryExpressionAst", "UnaryExpressionAst",
        "InvokeMemberExpressionAst", "MemberExpressionAst", "TypeExpressionAst", "ConvertExpressionAst",
        "ArrayExpressionAst", "ArrayLiteralAst", "SubExpressionAst", "ParenExpressionAst", "ScriptBlockExpressionAst",
    ];

    /// <summary>Operators (TokenKind names) of Windows PowerShell 5.1 (about_Operators, 5.1).</summary>
    private static readonly HashSet<string> Operators =
    [
        "Equals", "PlusEquals", "Ieq", "Ine", "Ilt", "Ile", "Igt", "Ige", "Bor", "Band", "And", "Or", "Not", "Exclaim",
        "Format", "Join", "Plus", "Minus", "PostfixPlusPlus", "PlusPlus",
    ];

    /// <summary>Cmdlets of Windows PowerShell 5.1 and the parameters the script may give them (5.1 cmdlet reference).</summary>
    private static readonly Dictionary<string, HashSet<string>> Commands = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Start-Transcript"] = ["Path", "Append"],
        ["Stop-Transcript"] = [],
        ["Out-Null"] = [],
        ["Split-Path"] = ["Parent"],
        ["Join-Path"] = [],
        ["Test-Path"] = [],
        ["Start-Process"] = ["FilePath", "ArgumentList", "Wait", "PassThru"],
        ["Write-Output"] = [],
        ["Get-Date"] = [],
        ["Start-Sleep"] = ["Seconds"],
        ["Invoke-WebRequest"] = ["Uri", "OutFile", "UseBasicParsing"],
        ["Get-FileHash"] = ["Path", "Algorithm"],
        ["Expand-Archive"] = ["Path", "DestinationPath", "Force"],
        ["Get-ChildItem"] = ["Path", "Filter", "Recurse", "File"],
        ["Select-Object"] = ["First"],
        ["ForEach-Object"] = [],
        ["Where-Object"] = [],
        ["Set-Content"] = ["Path", "Value", "ErrorAction"],
        ["Get-PSDrive"] = ["PSProvider"],
    };

    /// <summary>.NET Framework 4.x types Windows PowerShell 5.1 runs on.</summary>
    private static readonly HashSet<string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        "string", "int", "ScriptBlock", "Environment", "Net.Dns", "Net.ServicePointManager", "Net.SecurityProtocolType",
    };

    /// <summary>What the script uses that is not on the lists, one line each; empty when it keeps to 5.1.</summary>
    private static IReadOnlyList<string> Violations(string script)
    {
        using var directory = new TempDirectory();
        var path = directory.File("script.ps1", script);
        var walk = "$tokens = $null; $errors = $null\n" +
            $"$ast = [System.Management.Automation.Language.Parser]::ParseFile({PowerShell.Quote(path)}, [ref]$tokens, [ref]$errors)\n" +
            "$errors | ForEach-Object { \"error $($_.Extent.StartLineNumber): $($_.Message)\" }\n" +
            "foreach ($node in $ast.FindAll({ param($n) $true }, $true)) {\n" +
            "    \"syntax $($node.GetType().Name)\"\n" +
            "    if ($node -is [System.Management.Automation.Language.FunctionDefinitionAst]) { \"function $($node.Name)\" }\n" +
            "    if ($node -is [System.Management.Automation.Language.CommandAst]) {\n" +
            "        $name = $node.GetCommandName(); if (-not $name) { $name = '&' }\n" +
            "        \"command $name\"\n" +
            "        foreach ($element in $node.CommandElements) {\n" +
            "            if ($element -is [System.Management.Automation.Language.CommandParameterAst]) { \"parameter $name -$($element.ParameterName)\" }\n" +
            "        }\n" +
            "    }\n" +
            "    if ($node -is [System.Management.Automation.Language.BinaryExpressionAst] -or $node -is [System.Management.Automation.Language.AssignmentStatementAst]) { \"operator $($node.Operator)\" }\n" +
            "    if ($node -is [System.Management.Automation.Language.UnaryExpressionAst]) { \"operator $($node.TokenKind)\" }\n" +
            "    if (($node -is [System.Management.Automation.Language.MemberExpressionAst] -or $node -is [System.Management.Automation.Language.IndexExpressionAst]) -and $node.NullConditional) { \"syntax null-conditional ?. or ?[]\" }\n" +
            "    if ($node -is [System.Management.Automation.Language.TypeExpressionAst] -or $node -is [System.Management.Automation.Language.TypeConstraintAst]) { \"type $($node.TypeName.FullName)\" }\n" +
            "}\n";
        var result = PowerShell.RunFile(directory.File("walk.ps1", walk), directory.Path);
        Assert.True(result.ExitCode == 0, "pwsh failed: " + result.Stderr);
        var facts = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ownFunctions = facts.Where(f => f.StartsWith("function ", StringComparison.Ordinal)).Select(f => f["function ".Length..]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var violations = new List<string>();
        foreach (var fact in facts.Distinct())
        {
            var (kind, value) = (fact[..fact.IndexOf(' ', StringComparison.Ordinal)], fact[(fact.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            var allowed = kind switch
            {
                "error" => false,
                "function" => true,
                "syntax" => Syntax.Contains(value),
                "operator" => Operators.Contains(value),
                "type" => Types.Contains(value),
                "command" => value == "&" || ownFunctions.Contains(value) || Commands.ContainsKey(value),
                "parameter" => value.Split(" -") is [var command, var parameter]
                    && (ownFunctions.Contains(command) || (Commands.TryGetValue(command, out var parameters) && parameters.Contains(parameter))),
                _ => false,
            };
            if (!allowed)
            {
                violations.Add(fact);
            }
        }
        return violations;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_first_logon_script_keeps_to_windows_powershell_51(bool lookingGlassHost) =>
        Assert.Empty(Violations(FirstLogonScript.Text(lookingGlassHost ? "B7" : null)));

    [Fact]
    public void The_first_logon_command_keeps_to_windows_powershell_51()
    {
        var command = AutounattendBuilder.FirstLogonCommand;
        Assert.Empty(Violations(command[(command.IndexOf("-Command \"", StringComparison.Ordinal) + 10)..^1]));
    }

    /// <summary>PowerShell 7 only: each line added to the script is caught, so the check can fail.</summary>
    [Theory]
    [InlineData("$a = $null ?? 'x'", "operator QuestionQuestion")]
    [InlineData("$a ??= 'x'", "operator QuestionQuestionEquals")]
    [InlineData("$a = $true ? 'x' : 'y'", "syntax TernaryExpressionAst")]
    [InlineData("Test-Path 'C:\\' && Write-Output 'x'", "syntax PipelineChainAst")]
    [InlineData("1..2 | ForEach-Object -Parallel { $_ }", "parameter ForEach-Object -Parallel")]
    [InlineData("Get-Error", "command Get-Error")]
    [InlineData("$a = ${env:TEMP}?.Length", "syntax null-conditional ?. or ?[]")]
    [InlineData("[System.Management.Automation.SemanticVersion]'1.0.0'", "type System.Management.Automation.SemanticVersion")]
    public void Powershell_7_syntax_and_cmdlets_are_refused(string line, string violation) =>
        Assert.Contains(violation, Violations(FirstLogonScript.Text("B7") + line + "\n"));
}
