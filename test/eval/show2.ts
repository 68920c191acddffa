import { parseRfc822 } from '../../backend/src/connectors/rfc822.ts';
import { classifyReply } from '../../backend/src/domain/classification/classify.ts';
import { loadCorpus } from './corpus.ts';
for (const m of loadCorpus().filter((x) => x.split === 'dev')) {
  const p = await parseRfc822(m.raw, new Date());
  const r = classifyReply({
    given: undefined,
    subject: p.message.subject ?? '',
    text: p.message.text ?? '',
    headers: p.message.headers ?? {},
    from: p.message.from.email,
    date: new Date(p.message.receivedAt),
    reportType: p.reportType,
  });
  if (process.argv[2] === 'lang' && r.language !== m.language && m.category !== 'bounce') console.log(m.file, m.language, '->', r.language);
  if (process.argv[2] === 'date' && m.returnDate && r.category === 'out_of_office' && r.returnDate !== m.returnDate)
    console.log(m.file, m.returnDate, '->', r.returnDate, p.message.receivedAt);
}
