using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using VapiAgents.Application.Agents.Commands.RotateEncryptionKeys;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.Agents;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Identity;

/// <summary>Re-seals the Data Protection keys stored in the database with the active encryption key.</summary>
public sealed class TokenKeyRing(ApplicationDbContext db, ISecretProtector protector) : ITokenKeyRing
{
    public async Task<int> ResealAsync(CancellationToken cancellationToken)
    {
        var resealed = 0;
        foreach (var row in await db.DataProtectionKeys.ToListAsync(cancellationToken))
        {
            var document = XElement.Parse(row.Xml!);
            foreach (var sealedElement in document.Descendants("sealedKey").Where(e => (string?)e.Attribute("keyId") != protector.ActiveKeyId).ToList())
            {
                var sealedKey = new SealedSecret((string)sealedElement.Attribute("keyId")!, Convert.FromBase64String(sealedElement.Value));
                var plaintext = protector.Unseal(sealedKey, SecretPurpose.TokenSigningKey, Guid.Empty);
                var again = protector.Seal(plaintext, SecretPurpose.TokenSigningKey, Guid.Empty);
                sealedElement.SetAttributeValue("keyId", again.KeyId);
                sealedElement.Value = Convert.ToBase64String(again.Ciphertext);
                resealed++;
            }

            row.Xml = document.ToString(SaveOptions.DisableFormatting);
        }

        await db.SaveChangesAsync(cancellationToken);
        return resealed;
    }
}
