import { inArray, sql } from 'drizzle-orm';
import { stewardWorkplaces, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { uuidArray } from '../../platform/db/sql.js';
import { Badge } from '../../platform/html/components.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import { intlTag, type Locale } from '../../platform/i18n/i18n.js';
import { loadGrants } from '../../kernel/grants.js';
import type { MyPageContext, MyPageSection } from '../../kernel/my-page.js';
import { workplaceNames } from '../../kernel/workplaces.js';
import { myOpenWaves, type MyWave } from './answering.js';
import { can } from './policy.js';
import { inLocale } from './questions.js';
import { workplaceRate } from './results.js';
import { minGroupOf } from './surveys.js';
import { surveys, type SurveyText } from './tables.js';

/** One open wave asking people at a workplace where the person is steward, with that workplace's rate (null: hidden, too few invited). */
interface WorkplaceWave {
  waveId: string;
  waveName: string;
  closesAt: Date;
  surveyTitle: SurveyText;
  workplace: string;
  minGroup: number;
  rate: { invitees: number; answered: number; rate: number } | null;
}

/**
 * The open waves of any survey that invited people at the steward's workplaces, each with the
 * workplace's response rate, from who has answered and never from the answers; under the survey's
 * smallest group the rate is not given at all.
 */
async function stewardWaves(db: Db, personId: string): Promise<WorkplaceWave[]> {
  const actor: Actor = { kind: 'person', personId, firstName: '', lastName: '', grants: await loadGrants(db, personId) };
  const workplaceIds = [...stewardWorkplaces(actor)];
  if (workplaceIds.length === 0) return [];
  const pairs = await queryRows<{ waveId: string; workplaceId: string; waveName: string; closesAt: string; surveyId: string }>(
    db,
    sql`select distinct i.wave_id as "waveId", i.workplace_id as "workplaceId", w.name as "waveName", w.closes_at as "closesAt", w.survey_id as "surveyId"
        from survey_invitees i join survey_waves w on w.id = i.wave_id
        where i.workplace_id = any(${uuidArray(workplaceIds)}) and w.status = 'open' and w.closes_at > now()
        order by w.closes_at, w.name`,
  );
  if (pairs.length === 0) return [];
  const surveyRows = await db
    .select()
    .from(surveys)
    .where(inArray(surveys.id, [...new Set(pairs.map((p) => p.surveyId))]));
  const byId = new Map(surveyRows.map((s) => [s.id, s]));
  const names = await workplaceNames(db, workplaceIds);
  const out: WorkplaceWave[] = [];
  for (const p of pairs) {
    const survey = byId.get(p.surveyId)!;
    if (!can(actor, 'survey.workplace_rate', { unitId: survey.unitId, workplaceId: p.workplaceId })) continue;
    out.push({
      waveId: p.waveId,
      waveName: p.waveName,
      closesAt: new Date(p.closesAt),
      surveyTitle: survey.title,
      workplace: names.get(p.workplaceId) ?? '',
      minGroup: minGroupOf(survey),
      rate: await workplaceRate(db, survey, p.waveId, p.workplaceId),
    });
  }
  return out;
}

const percent = (locale: Locale, share: number) => new Intl.NumberFormat(intlTag[locale], { style: 'percent', maximumFractionDigits: 0 }).format(share);

function MyWaves({ waves, locale, t }: { waves: MyWave[] } & Pick<MyPageContext, 'locale' | 't'>): JSX.Element {
  if (waves.length === 0)
    return (
      <p class="muted" safe>
        {t('surveys.my.none')}
      </p>
    );
  return (
    <div class="table-wrap">
      <table class="table table-cards">
        <caption class="visually-hidden" safe>
          {t('surveys.my.invited_caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('surveys.my.col_survey')}
            </th>
            <th scope="col" safe>
              {t('surveys.my.col_wave')}
            </th>
            <th scope="col" safe>
              {t('surveys.my.col_closes')}
            </th>
            <th scope="col" safe>
              {t('surveys.my.col_status')}
            </th>
          </tr>
        </thead>
        <tbody>
          {waves.map((w) => {
            const title = inLocale(w.surveyTitle, locale);
            return (
              <tr>
                <th scope="row" safe>
                  {title}
                </th>
                <td data-label={t('surveys.my.col_wave')} safe>
                  {w.waveName}
                </td>
                <td data-label={t('surveys.my.col_closes')} class="nowrap" safe>
                  {formatDateTime(locale, w.closesAt)}
                </td>
                <td data-label={t('surveys.my.col_status')}>
                  {w.answered ? (
                    <Badge kind="success">
                      <span safe>{t('surveys.my.answered')}</span>
                    </Badge>
                  ) : (
                    <a href={`/surveys/answer/${w.waveId}`} class="button button-small">
                      <span safe>{w.hasDraft ? t('surveys.my.continue') : t('surveys.my.answer')}</span>
                      <span class="visually-hidden" safe>
                        {`: ${title}`}
                      </span>
                    </a>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function StewardRates({ waves, locale, t }: { waves: WorkplaceWave[] } & Pick<MyPageContext, 'locale' | 't'>): JSX.Element {
  return (
    <>
      <h3 safe>{t('surveys.my.steward_heading')}</h3>
      <p safe>{t('surveys.my.steward_text')}</p>
      <div class="table-wrap">
        <table class="table table-cards">
          <caption class="visually-hidden" safe>
            {t('surveys.my.steward_heading')}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('surveys.my.col_survey')}
              </th>
              <th scope="col" safe>
                {t('surveys.my.col_workplace')}
              </th>
              <th scope="col" safe>
                {t('surveys.my.col_closes')}
              </th>
              <th scope="col" safe>
                {t('surveys.my.col_rate')}
              </th>
            </tr>
          </thead>
          <tbody>
            {waves.map((w) => (
              <tr>
                <th scope="row" safe>
                  {`${inLocale(w.surveyTitle, locale)} · ${w.waveName}`}
                </th>
                <td data-label={t('surveys.my.col_workplace')} safe>
                  {w.workplace}
                </td>
                <td data-label={t('surveys.my.col_closes')} class="nowrap" safe>
                  {formatDateTime(locale, w.closesAt)}
                </td>
                <td data-label={t('surveys.my.col_rate')} safe>
                  {w.rate ? t('surveys.my.rate', { answered: w.rate.answered, invitees: w.rate.invitees, rate: percent(locale, w.rate.rate) }) : t('surveys.my.rate_hidden', { min: w.minGroup })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/**
 * "Surveys" on my page: the open waves the person is invited to (answer, continue a saved draft, or
 * answered), and for a steward the response rate of their workplace in each open wave that asked
 * people there, so they can remind colleagues. Nothing when there is neither.
 */
async function render({ db, personId, locale, t }: MyPageContext): Promise<JSX.Element | null> {
  const [mine, steward] = await Promise.all([myOpenWaves(db, personId), stewardWaves(db, personId)]);
  if (mine.length === 0 && steward.length === 0) return null;
  return (
    <section class="card" aria-labelledby="me-surveys">
      <h2 id="me-surveys" safe>
        {t('surveys.my.heading')}
      </h2>
      <MyWaves waves={mine} locale={locale} t={t} />
      {steward.length > 0 ? <StewardRates waves={steward} locale={locale} t={t} /> : ''}
    </section>
  );
}

export const surveysMySection: MyPageSection = { key: 'surveys', order: 20, render };
