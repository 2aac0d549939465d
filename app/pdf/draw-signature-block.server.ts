// The end of an official document (Nghị định 30/2020/NĐ-CP, Phụ lục I, ô 7 and 9): "Nơi nhận" on the left (12 pt bold
// italic label, 11 pt entries, ";" after each and "." after the last), the signature block on the right (authority
// and position in bold capitals, room for the signature and seal, the signer's name in bold).
import type { PDFFont } from "pdf-lib";
import type { HeaderFonts } from "./draw-official-header.server";
import { recipientsLabel } from "./official-text";
import { black, officialPage, type PageFlow } from "./page-flow.server";
import { wrapText } from "./wrap-text";

export type SignatureBlockOptions = {
  /** "TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", "Nguyễn Văn Hùng". */
  signer?: { capacity: string; position: string; name: string };
  recipients?: string[];
};

type BlockFonts = HeaderFonts & { boldItalic: PDFFont };

const { fontSize: size, lineHeight } = officialPage;
const signatureSpace = 72; // about 25 mm for the signature and the seal
const recipientStep = 13;
const leftShare = 0.45;

/** The height the block needs, so a caller can keep its last lines on the same page. */
export function signatureBlockHeight(flow: PageFlow, fonts: BlockFonts, options: SignatureBlockOptions): number {
  const signer = options.signer ? 2 * lineHeight + signatureSpace + lineHeight : 0;
  const recipients = recipientLines(flow, fonts, options.recipients).length * recipientStep;
  return signer || recipients ? lineHeight + Math.max(signer, recipients) : 0;
}

export function drawSignatureBlock(flow: PageFlow, fonts: BlockFonts, options: SignatureBlockOptions): void {
  const height = signatureBlockHeight(flow, fonts, options);
  if (height === 0) return;
  flow.keep(height);
  const top = flow.y - lineHeight;

  recipientLines(flow, fonts, options.recipients).forEach((line, index) => {
    flow.page.drawText(line.text, { x: flow.left, y: top - 12 - index * recipientStep, font: line.font, size: line.size, color: black });
  });

  const { signer } = options;
  if (signer) {
    const centre = (flow.left + (flow.right - flow.left) * leftShare + flow.right) / 2;
    const centred = (text: string, font: PDFFont, y: number) => {
      const value = text.normalize("NFC");
      flow.page.drawText(value, { x: centre - font.widthOfTextAtSize(value, size) / 2, y, font, size, color: black });
    };
    centred(signer.capacity.toLocaleUpperCase("vi-VN"), fonts.bold, top - size);
    centred(signer.position.toLocaleUpperCase("vi-VN"), fonts.bold, top - size - lineHeight);
    centred(signer.name, fonts.bold, top - size - 2 * lineHeight - signatureSpace);
  }
  flow.y -= height;
}

function recipientLines(flow: PageFlow, fonts: BlockFonts, recipients: string[] = []) {
  if (recipients.length === 0) return [];
  const width = (flow.right - flow.left) * leftShare - 8;
  return [
    { text: recipientsLabel, font: fonts.boldItalic, size: 12 },
    ...recipients.flatMap((entry, index) =>
      wrapText(`- ${entry}${index === recipients.length - 1 ? "." : ";"}`, fonts.regular, 11, width).map((text) => ({
        text,
        font: fonts.regular,
        size: 11,
      })),
    ),
  ];
}
