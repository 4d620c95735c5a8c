use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Streets {
    Table,
    Id,
    NameZh,
    NameEn,
}

#[derive(DeriveIden)]
pub enum Communities {
    Table,
    Id,
    StreetId,
    NameZh,
    NameEn,
    ServicePhone,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Buildings {
    Table,
    Id,
    CommunityId,
    NameZh,
    NameEn,
    Position,
}

#[derive(DeriveIden)]
pub enum Units {
    Table,
    Id,
    BuildingId,
    NameZh,
    NameEn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Streets::Table)
                    .col(big_pk_auto(Streets::Id))
                    .col(string(Streets::NameZh))
                    .col(string(Streets::NameEn))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Communities::Table)
                    .col(big_pk_auto(Communities::Id))
                    .col(big_integer(Communities::StreetId))
                    .col(string(Communities::NameZh))
                    .col(string(Communities::NameEn))
                    .col(string_null(Communities::ServicePhone))
                    .col(timestamp_with_time_zone(Communities::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Communities::Table, Communities::StreetId)
                            .to(Streets::Table, Streets::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_communities_street_name")
                    .table(Communities::Table)
                    .col(Communities::StreetId)
                    .col(Communities::NameZh)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Buildings::Table)
                    .col(big_pk_auto(Buildings::Id))
                    .col(big_integer(Buildings::CommunityId))
                    .col(string(Buildings::NameZh))
                    .col(string(Buildings::NameEn))
                    .col(integer(Buildings::Position))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Buildings::Table, Buildings::CommunityId)
                            .to(Communities::Table, Communities::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_buildings_community_name")
                    .table(Buildings::Table)
                    .col(Buildings::CommunityId)
                    .col(Buildings::NameZh)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Units::Table)
                    .col(big_pk_auto(Units::Id))
                    .col(big_integer(Units::BuildingId))
                    .col(string(Units::NameZh))
                    .col(string(Units::NameEn))
                    .foreign_key(
                        ForeignKey::create().from(Units::Table, Units::BuildingId).to(Buildings::Table, Buildings::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_units_building_name")
                    .table(Units::Table)
                    .col(Units::BuildingId)
                    .col(Units::NameZh)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Units::Table.into_iden(),
            Buildings::Table.into_iden(),
            Communities::Table.into_iden(),
            Streets::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
